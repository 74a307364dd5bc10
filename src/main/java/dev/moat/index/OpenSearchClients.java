package dev.moat.index;

import java.net.URISyntaxException;
import java.util.List;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** The OpenSearch Java client for the configured nodes, credentials and timeout. */
final class OpenSearchClients {

    private OpenSearchClients() {}

    static OpenSearchClient connect(OpenSearchConfig config) {
        HttpHost[] hosts = hosts(config.url());
        Timeout timeout = Timeout.ofMilliseconds(config.timeout().toMillis());
        ApacheHttpClient5TransportBuilder transport = ApacheHttpClient5TransportBuilder.builder(hosts)
                .setMapper(new JacksonJsonpMapper())
                .setRequestConfigCallback(
                        r -> r.setConnectionRequestTimeout(timeout).setResponseTimeout(timeout))
                .setHttpClientConfigCallback(http -> {
                    if (config.username().isPresent()) {
                        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                        for (HttpHost host : hosts) {
                            credentials.setCredentials(
                                    new AuthScope(host),
                                    new UsernamePasswordCredentials(
                                            config.username().get(),
                                            config.password().orElse("").toCharArray()));
                        }
                        http.setDefaultCredentialsProvider(credentials);
                    }
                    return http;
                });
        return new OpenSearchClient(transport.build());
    }

    private static HttpHost[] hosts(List<String> urls) {
        HttpHost[] hosts = new HttpHost[urls.size()];
        for (int i = 0; i < hosts.length; i++) {
            try {
                hosts[i] = HttpHost.create(urls.get(i).strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "moat.opensearch.url: '" + urls.get(i) + "' is not a node URL like http://host:9200", e);
            }
        }
        return hosts;
    }
}
