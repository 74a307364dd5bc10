package dev.moat.index;

import io.smallrye.config.WithDefault;
import java.lang.reflect.Proxy;
import java.time.Duration;

/** The index settings at their defaults, as the configuration would give them with nothing set. */
final class DefaultIndexConfig {

    private DefaultIndexConfig() {}

    static IndexConfig of() {
        return (IndexConfig) Proxy.newProxyInstance(
                IndexConfig.class.getClassLoader(), new Class<?>[] {IndexConfig.class}, (proxy, method, args) -> {
                    String value = method.getAnnotation(WithDefault.class).value();
                    Class<?> type = method.getReturnType();
                    if (type == int.class) {
                        return Integer.parseInt(value);
                    }
                    if (type == double.class) {
                        return Double.parseDouble(value);
                    }
                    if (type == float.class) {
                        return Float.parseFloat(value);
                    }
                    if (type == Duration.class && value.endsWith("ms")) {
                        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                    }
                    if (type == Duration.class && value.endsWith("s")) {
                        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
                    }
                    throw new IllegalArgumentException(method + " is not a number or duration setting");
                });
    }
}
