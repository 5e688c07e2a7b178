package io.zkedge.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single Kafka node (KRaft, broker and controller combined) running inside this JVM, for tests
 * and the demo.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build().start()) {
 *     kafka.createTopics(4, "zkedge.proofs", "zkedge.verdicts");
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>Clients connect to {@link #bootstrapServers()}: a listener named {@value #CLIENT_LISTENER}
 * bound to {@code 127.0.0.1} on the configured port (by default a free one). The node's
 * inter-broker and controller listeners are the test kit's own, on other free ports.
 *
 * <p>The node is set up for Kafka transactions with one replica (see {@link #DEFAULT_BROKER_PROPERTIES}):
 * exactly-once sinks and {@code read_committed} readers work against it as against a real
 * cluster. {@code transaction.max.timeout.ms} stays at Kafka's default of 15 minutes, so a
 * producer whose {@code transaction.timeout.ms} would be refused by a real broker is refused
 * here too.
 *
 * <p>Start-up takes 3 to 7 seconds and about 300 MB of heap. Data lives in a temporary directory
 * that {@link #close()} deletes.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Name of the listener that clients use. */
    public static final String CLIENT_LISTENER = "CLIENT";

    /**
     * Broker settings applied unless {@link EmbeddedKafkaBrokerBuilder#setBrokerProperty} overrides them:
     * replication factor 1 and min ISR 1 for the internal topics, one partition for the offsets
     * topic (otherwise about 10 s of {@code CoordinatorNotAvailable} on first use), few partitions
     * for the transaction log, and no initial rebalance delay.
     */
    public static final Map<String, String> DEFAULT_BROKER_PROPERTIES = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "4"),
            Map.entry("transaction.max.timeout.ms", "900000"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("default.replication.factor", "1"));

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_POLL_TIMEOUT = Duration.ofSeconds(5);

    private final int port;
    private final Map<String, String> brokerProperties;
    private final Path baseDirectory;
    private KafkaClusterTestKit cluster;
    private String bootstrapServers;
    private Admin admin;

    EmbeddedKafkaBroker(int port, Map<String, String> brokerProperties, Path baseDirectory) {
        this.port = port;
        this.brokerProperties = Map.copyOf(brokerProperties);
        this.baseDirectory = baseDirectory;
    }

    /** Starts building a broker; see {@link EmbeddedKafkaBrokerBuilder}. */
    public static EmbeddedKafkaBrokerBuilder builder() {
        return new EmbeddedKafkaBrokerBuilder();
    }

    /**
     * Formats the storage, starts the node and waits until it accepts clients.
     *
     * @return this broker
     * @throws IllegalStateException if it was started before
     * @throws EmbeddedKafkaException if the node does not come up
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (cluster != null) {
            throw new IllegalStateException("the broker was already started");
        }
        TestKitNodes.Builder nodes = new TestKitNodes.Builder(productionBootstrapMetadata())
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1);
        if (baseDirectory != null) {
            nodes.setBaseDirectory(baseDirectory);
        }
        TestKitNodes testKitNodes = nodes.build();
        String broker = testKitNodes.brokerListenerName().value();
        String controller = testKitNodes.controllerListenerName().value();

        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(testKitNodes);
        // A third listener, unknown to the test kit, so that it binds where and how we say
        // (the test kit pre-binds its own listeners to a random port on every interface).
        builder.setConfigProp("listeners", String.format("%s://localhost:0,%s://localhost:0,%s://127.0.0.1:%d",
                broker, controller, CLIENT_LISTENER, port));
        builder.setConfigProp("listener.security.protocol.map", String.format("%s:%s,%s:%s,%s:PLAINTEXT",
                broker, testKitNodes.brokerListenerProtocol().name,
                controller, testKitNodes.controllerListenerProtocol().name,
                CLIENT_LISTENER));
        builder.setConfigProp("unstable.api.versions.enable", "false");
        builder.setConfigProp("unstable.feature.versions.enable", "false");
        DEFAULT_BROKER_PROPERTIES.forEach(builder::setConfigProp);
        brokerProperties.forEach(builder::setConfigProp);

        KafkaClusterTestKit started = null;
        try {
            started = builder.build();
            formatQuietly(started);
            started.startup();
            started.waitForReadyBrokers();
            int boundPort = started.brokers().values().iterator().next()
                    .boundPort(ListenerName.normalised(CLIENT_LISTENER));
            bootstrapServers = "127.0.0.1:" + boundPort;
            cluster = started;
            admin = Admin.create(adminProperties());
            // Ready for clients: the node answers metadata requests on the client listener.
            admin.describeCluster().nodes().get();
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortStart(started);
            throw new EmbeddedKafkaException("interrupted while starting the broker", e);
        } catch (Exception e) {
            abortStart(started);
            throw new EmbeddedKafkaException("the embedded broker did not start"
                    + (port != 0 ? " (is port " + port + " free?)" : "") + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code host:port} for clients' {@code bootstrap.servers}, e.g. {@code 127.0.0.1:41234}.
     *
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized String bootstrapServers() {
        requireRunning();
        return bootstrapServers;
    }

    /** Whether {@link #start()} succeeded and {@link #close()} has not been called. */
    public synchronized boolean isRunning() {
        return cluster != null;
    }

    /**
     * Creates each topic with {@code partitions} partitions and one replica; a topic that exists
     * already is left as it is.
     */
    public void createTopics(int partitions, String... topics) {
        List<NewTopic> newTopics = new ArrayList<>(topics.length);
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, partitions, (short) 1));
        }
        createTopics(newTopics);
    }

    /**
     * Creates the topics (with their own partitions and configs) and waits until every partition
     * has a leader that accepts writes; a topic that exists already is left as it is.
     *
     * @throws EmbeddedKafkaException if Kafka refuses one, or a partition has no serving leader
     *     within 30 seconds
     */
    public void createTopics(Collection<NewTopic> topics) {
        Admin client = admin();
        try {
            client.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new EmbeddedKafkaException("cannot create topic " + name + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedKafkaException("interrupted while creating topic " + name, e);
                }
            });
            awaitLeaders(client, topics.stream().map(NewTopic::name).collect(Collectors.toSet()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while creating topics", e);
        }
    }

    /** The names of the topics that exist, internal ones excluded. */
    public Set<String> topics() {
        try {
            return admin().listTopics().names().get();
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while listing topics", e);
        }
    }

    /**
     * Properties for any client: only {@code bootstrap.servers}. Callers add the rest (serializers,
     * {@code isolation.level}, ...).
     */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /**
     * The broker's shared admin client; do not close it (the broker does).
     *
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized Admin admin() {
        requireRunning();
        return admin;
    }

    /** Stops the node and deletes its data. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        KafkaClusterTestKit stopping = cluster;
        cluster = null;
        bootstrapServers = null;
        if (stopping != null) {
            try {
                stopping.close();
            } catch (Exception e) {
                throw new EmbeddedKafkaException("the embedded broker did not stop cleanly: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + (bootstrapServers != null ? bootstrapServers : "not running") + "]";
    }

    private Properties adminProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "zkedge-embedded-admin");
        return props;
    }

    /**
     * Waits until every partition of the topics has a leader in the metadata and that leader's
     * replica manager serves it. The metadata cache learns of a new leader before the replica
     * manager has made the partition leader, and a produce request in between fails with
     * {@code NOT_LEADER_OR_FOLLOWER} (an idempotent producer may then lose the batch). A
     * {@code ListOffsets} request is answered only by the partition's serving leader, so its
     * success for every partition means the topics accept writes.
     */
    private static void awaitLeaders(Admin client, Set<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        String lastProblem = "no answer yet";
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = client.describeTopics(topics).allTopicNames()
                        .get(ADMIN_POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                List<TopicPartition> leaderless = new ArrayList<>();
                Map<TopicPartition, OffsetSpec> probe = new HashMap<>();
                descriptions.forEach((name, d) -> d.partitions().forEach(p -> {
                    TopicPartition tp = new TopicPartition(name, p.partition());
                    if (p.leader() == null || p.leader().isEmpty()) {
                        leaderless.add(tp);
                    } else {
                        probe.put(tp, OffsetSpec.latest());
                    }
                }));
                if (!leaderless.isEmpty()) {
                    lastProblem = "partitions without a leader: " + leaderless;
                } else {
                    client.listOffsets(probe, new ListOffsetsOptions().timeoutMs((int) ADMIN_POLL_TIMEOUT.toMillis()))
                            .all().get(ADMIN_POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
            } catch (ExecutionException e) {
                // UnknownTopicOrPartition / NotLeaderOrFollower until the leadership has propagated.
                lastProblem = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
            } catch (TimeoutException e) {
                lastProblem = "the broker did not answer within " + ADMIN_POLL_TIMEOUT;
            }
            if (System.nanoTime() > deadline) {
                throw new EmbeddedKafkaException("topics " + topics + " do not accept writes after "
                        + ADMIN_TIMEOUT + " (" + lastProblem + ")", null);
            }
            Thread.sleep(50);
        }
    }

    private void requireRunning() {
        if (cluster == null) {
            throw new IllegalStateException("the embedded broker is not running; call start() first");
        }
    }

    /**
     * The metadata version and feature levels that {@code kafka-storage format} gives a released
     * broker of this Kafka version (the test kit defaults to the newest unstable ones).
     */
    private static BootstrapMetadata productionBootstrapMetadata() {
        MetadataVersion version = MetadataVersion.LATEST_PRODUCTION;
        Map<String, Short> features = new TreeMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            features.put(feature.featureName(), feature.defaultLevel(version));
        }
        return BootstrapMetadata.fromVersions(version, features, "zkedge-embedded");
    }

    /** The storage formatter prints two lines of bootstrap records to {@code System.out}; keep them out. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } finally {
            System.setOut(out);
        }
    }

    private void abortStart(KafkaClusterTestKit started) {
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
        cluster = null;
        bootstrapServers = null;
        if (started != null) {
            try {
                started.close();
            } catch (Exception e) {
                // Already failing: the start-up error is the one to report.
            }
        }
    }
}
