package io.zkedge.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of one command. Every option takes a value, except
 * {@code --help}; an option may appear once unless the command declares it repeatable; an option
 * the command does not know is an error.
 */
final class Options {

    private final String command;
    private final Map<String, String> values;
    private final Map<String, List<String>> repeated;
    private final boolean help;

    private Options(String command, Map<String, String> values, Map<String, List<String>> repeated, boolean help) {
        this.command = command;
        this.values = values;
        this.repeated = repeated;
        this.help = help;
    }

    /** Parses {@code args} for {@code command}, which knows the options named in {@code known}. */
    static Options parse(String command, Set<String> known, List<String> args) throws UsageException {
        return parse(command, known, Set.of(), args);
    }

    /** Like {@link #parse(String, Set, List)}; the options in {@code repeatable} may appear more than once. */
    static Options parse(String command, Set<String> known, Set<String> repeatable, List<String> args)
            throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' for '" + command + "'");
            }
            String name = arg.substring(2);
            if (!known.contains(name)) {
                throw new UsageException("unknown option " + arg + " for '" + command + "'");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(arg + " needs a value");
            }
            String value = args.get(++i);
            repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            if (values.put(name, value) != null && !repeatable.contains(name)) {
                throw new UsageException(arg + " is given twice");
            }
        }
        return new Options(command, values, repeated, help);
    }

    boolean help() {
        return help;
    }

    String string(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("'" + command + "' needs --" + name);
        }
        return value;
    }

    /** Every value of a repeatable option, in command-line order (empty when absent). */
    List<String> strings(String name) {
        return List.copyOf(repeated.getOrDefault(name, List.of()));
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** Whether the option was given. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    long signedLong(String name, String defaultValue) throws UsageException {
        return has(name) ? signedLong(name) : Long.parseLong(defaultValue);
    }

    int integer(String name, String defaultValue) throws UsageException {
        return has(name) ? integer(name) : Integer.parseInt(defaultValue);
    }

    /** An integer of at least 1. */
    int positiveInt(String name, String defaultValue) throws UsageException {
        int n = integer(name, defaultValue);
        if (n < 1) {
            throw new UsageException("--" + name + " must be at least 1, was " + n);
        }
        return n;
    }

    /** A 64-bit integer of at least 1. */
    long positiveLong(String name) throws UsageException {
        long n = signedLong(name);
        if (n < 1) {
            throw new UsageException("--" + name + " must be at least 1, was " + n);
        }
        return n;
    }

    /** A finite decimal number. */
    double number(String name, String defaultValue) throws UsageException {
        String value = string(name, defaultValue);
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, was '" + value + "'");
        }
    }

    /** {@code 90}, {@code 90s}, {@code 1500ms}, {@code 5m}, {@code 1h}; positive. */
    Duration duration(String name, String defaultValue) throws UsageException {
        String value = string(name, defaultValue);
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unitMillis = 1000;
        String digits = v;
        if (v.endsWith("ms")) {
            unitMillis = 1;
            digits = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s") || v.endsWith("m") || v.endsWith("h")) {
            unitMillis = switch (v.charAt(v.length() - 1)) {
                case 's' -> 1000;
                case 'm' -> 60_000;
                default -> 3_600_000;
            };
            digits = v.substring(0, v.length() - 1);
        }
        try {
            double amount = Double.parseDouble(digits);
            if (!(amount > 0) || amount * unitMillis > Long.MAX_VALUE / 2) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(amount * unitMillis));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a positive time such as 60s or 5m, was '" + value + "'");
        }
    }

    long signedLong(String name) throws UsageException {
        String value = string(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a signed 64-bit integer, was '" + value + "'");
        }
    }

    /** An unsigned 64-bit value, returned as the bits of a {@code long}. */
    long unsignedLong(String name) throws UsageException {
        String value = string(name);
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an unsigned 64-bit integer, was '" + value + "'");
        }
    }

    int integer(String name) throws UsageException {
        String value = string(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, was '" + value + "'");
        }
    }

    byte[] hex(String name) throws UsageException {
        return parseHex(name, string(name));
    }

    /** Comma-separated hex values. */
    List<byte[]> hexList(String name) throws UsageException {
        List<byte[]> list = new ArrayList<>();
        for (String part : string(name).split(",", -1)) {
            list.add(parseHex(name, part.trim()));
        }
        return list;
    }

    byte[] utf8(String name, String defaultValue) {
        return string(name, defaultValue).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] parseHex(String name, String value) throws UsageException {
        String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        if (digits.isEmpty()) {
            throw new UsageException("--" + name + " is empty");
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + " is not hex: " + e.getMessage());
        }
    }
}
