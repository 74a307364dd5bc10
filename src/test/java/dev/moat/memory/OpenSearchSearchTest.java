package dev.moat.memory;

import dev.moat.support.OpenSearchBackend;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** SearchTest's corpus and expectations, on the OpenSearch backend: both backends rank alike. */
@QuarkusTest
@TestProfile(OpenSearchBackend.class)
class OpenSearchSearchTest extends SearchTest {}
