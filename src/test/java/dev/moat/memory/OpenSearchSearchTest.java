package dev.moat.memory;

import dev.moat.support.OpenSearchBackend;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;

/** SearchTest's corpus and expectations, on the OpenSearch backend: both backends rank alike. */
@QuarkusTest
@TestProfile(OpenSearchBackend.class)
@Tag("opensearch") // on PostgreSQL only: the backend of many instances, which need it
class OpenSearchSearchTest extends SearchTest {}
