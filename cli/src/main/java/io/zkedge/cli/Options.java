package io.zkedge.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
