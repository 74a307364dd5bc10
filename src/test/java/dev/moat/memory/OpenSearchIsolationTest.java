package dev.moat.memory;

import dev.moat.support.OpenSearchBackend;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** IsolationTest on the OpenSearch backend: no endpoint reaches another user's memory there either. */
@QuarkusTest
@TestProfile(OpenSearchBackend.class)
class OpenSearchIsolationTest extends IsolationTest {}
