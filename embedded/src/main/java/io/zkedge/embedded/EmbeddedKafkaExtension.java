package io.zkedge.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs an {@link EmbeddedKafkaBroker}.
 *
 * <pre>{@code
 * class PipelineITCase {
 *     @RegisterExtension
 *     static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension()
 *             .withTopics(4, "zkedge.proofs", "zkedge.verdicts");
 *
 *     @Test
 *     void shouldRoundTrip() {
 *         producerProps.put("bootstrap.servers", KAFKA.bootstrapServers());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Registered on a {@code static} field, one broker serves every test of the class (started
 * before all, stopped after all); on an instance field, each test gets a new broker. Test methods
 * and constructors can also take an {@link EmbeddedKafkaBroker} parameter.
 *
 * <p>Topics given to {@link #withTopics} are created whenever the broker starts; tests that need
 * topics of their own should use fresh names, since a class-wide broker keeps its data between
 * tests.
 */
public final class EmbeddedKafkaExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final EmbeddedKafkaBrokerBuilder builder;
    private final List<NewTopic> topics = new ArrayList<>();
    private EmbeddedKafkaBroker broker;
    private boolean perClass;

    /** A broker with the defaults of {@link EmbeddedKafkaBrokerBuilder}. */
    public EmbeddedKafkaExtension() {
        this(EmbeddedKafkaBroker.builder());
    }

    /** A broker built by {@code builder} (for a fixed port or extra broker settings). */
    public EmbeddedKafkaExtension(EmbeddedKafkaBrokerBuilder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** Topics to create, each with {@code partitions} partitions, when the broker starts. */
    public EmbeddedKafkaExtension withTopics(int partitions, String... names) {
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        return this;
    }

    /** The running broker. @throws IllegalStateException outside a test */
    public EmbeddedKafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("the embedded broker runs only while a test runs");
        }
        return broker;
    }

    /** Shortcut for {@code broker().bootstrapServers()}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Shortcut for {@code broker().clientProperties()}. */
    public Properties clientProperties() {
        return broker().clientProperties();
    }

    /** Shortcut for {@code broker().createTopics(partitions, names)}. */
    public void createTopics(int partitions, String... names) {
        broker().createTopics(partitions, names);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (broker == null) {
            // A constructor parameter of a per-test broker resolves before beforeEach.
            start();
        }
        return broker;
    }

    private void start() {
        if (broker == null) {
            broker = builder.build().start();
            if (!topics.isEmpty()) {
                broker.createTopics(topics);
            }
        }
    }

    private void stop() {
        if (broker != null) {
            try {
                broker.close();
            } finally {
                broker = null;
            }
        }
    }
}
