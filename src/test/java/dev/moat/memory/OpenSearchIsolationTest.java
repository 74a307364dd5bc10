package dev.moat.memory;

import dev.moat.support.OpenSearchBackend;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;

/** IsolationTest on the OpenSearch backend: no endpoint reaches another user's memory there either. */
@QuarkusTest
@TestProfile(OpenSearchBackend.class)
@Tag("opensearch") // on PostgreSQL only: the backend of many instances, which need it
class OpenSearchIsolationTest extends IsolationTest {}
