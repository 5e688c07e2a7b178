package io.zkedge.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an {@link EmbeddedKafkaBroker}.
 *
 * <pre>{@code
 * EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder()
 *         .setPort(9092)                                   // default 0: any free port
 *         .setBrokerProperty("log.retention.ms", "600000")
 *         .build()
 *         .start();
 * }</pre>
 *
 * <p>Defaults: a free port on 127.0.0.1, a temporary data directory deleted on close, and
 * {@link EmbeddedKafkaBroker#DEFAULT_BROKER_PROPERTIES}.
 */
public final class EmbeddedKafkaBrokerBuilder {

    private int port;
    private final Map<String, String> brokerProperties = new HashMap<>();
    private Path baseDirectory;

    EmbeddedKafkaBrokerBuilder() {}

    /** The client port on 127.0.0.1; 0 (the default) takes any free port. */
    public EmbeddedKafkaBrokerBuilder setPort(int port) {
        this.port = port;
        return this;
    }

    /**
     * Sets one broker configuration key, overriding the defaults. The listener keys
     * ({@code listeners}, {@code listener.security.protocol.map}) are the broker's own.
     */
    public EmbeddedKafkaBrokerBuilder setBrokerProperty(String key, String value) {
        brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Where the node keeps its logs; by default a new temporary directory. Deleted on close. */
    public EmbeddedKafkaBrokerBuilder setBaseDirectory(Path baseDirectory) {
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
        return this;
    }

    /** @throws IllegalArgumentException if the port is outside 0..65535 or a listener key is set */
    public EmbeddedKafkaBroker build() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535 (0: any free port), was " + port);
        }
        for (String key : new String[] {"listeners", "listener.security.protocol.map"}) {
            if (brokerProperties.containsKey(key)) {
                throw new IllegalArgumentException(key + " is set by the embedded broker; use setPort instead");
            }
        }
        return new EmbeddedKafkaBroker(port, brokerProperties, baseDirectory);
    }
}
