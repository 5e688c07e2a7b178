package io.zkedge.cli;

/**
 * kafka-clients logs through slf4j-simple, on stderr (stdout carries the commands' results).
 * Warnings only; and not the network client's warning per failed connection attempt, which would
 * bury the progress line: the commands check that the cluster answers and report failed sends.
 */
final class KafkaLogging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private KafkaLogging() {}

    /** Sets the levels unless the user set them ({@code -Dorg.slf4j.simpleLogger...}). */
    static void quiet() {
        setIfAbsent(PREFIX + "defaultLogLevel", "warn");
        setIfAbsent(PREFIX + "log.org.apache.kafka.clients.NetworkClient", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
