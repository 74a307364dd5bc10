package dev.moat.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The application on the OpenSearch backend: the test JVM's real node (OpenSearchNode), an index of its own per
 * application start, so that what one test class left behind never meets another's.
 */
public class OpenSearchBackend implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Node.class));
    }

    /** Starts the node (once per JVM) and points the application at it. */
    public static class Node implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of(
                    "moat.index.backend",
                    "opensearch",
                    "moat.opensearch.url",
                    OpenSearchNode.shared().url(),
                    "moat.opensearch.index",
                    "moat-test-" + UUID.randomUUID(),
                    "moat.index.outbox-interval",
                    "200ms");
        }

        @Override
        public void stop() {
            // the node serves every test class of the JVM; it stops when the JVM exits
        }
    }
}
