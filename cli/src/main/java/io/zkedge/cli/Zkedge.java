package io.zkedge.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code zkedge} command line.
 *
 * <pre>
 * zkedge verify bulletproofs --proof HEX --commitments HEX[,HEX...] --bits N [--label TEXT]
 * zkedge verify groth16 --vk verification_key.json --proof proof.json --public public.json
 * zkedge verify range --commitment HEX --proof HEX --min A --max B --bits N --sensor ID --seq S --time T
 * zkedge prove range --value V --min A --max B --bits N --sensor ID --seq S --time T
 * zkedge prove bulletproofs --values V[,V...] --bits N [--label TEXT]   (or --requests FILE)
 * </pre>
 *
 * Exit codes: 0 valid (or proof made, or help), 1 invalid, 2 usage error or malformed input,
 * 3 internal error. A one-line reason goes to stderr for 2 and 3.
 */
public final class Zkedge {

    private final List<Command> commands;

    Zkedge(ModuleSource modules) {
        this.commands = List.of(
                new VerifyBulletproofsCommand(modules),
                new VerifyRangeCommand(modules),
                new VerifyGroth16Command(modules),
                new ProveRangeCommand(modules),
                new ProveBulletproofsCommand(modules),
                new GatewaySimulateCommand(modules));
    }

    public static void main(String[] args) {
        System.exit(new Zkedge(ModuleSource.bundled()).run(args, System.out, System.err));
    }

    /** Runs one command line and returns its exit code; never exits the JVM. */
    int run(String[] args, PrintStream out, PrintStream err) {
        List<String> words = Arrays.asList(args);
        if (words.isEmpty()) {
            err.println(overview());
            return ExitCode.USAGE;
        }
        if (words.get(0).equals("--help") || words.get(0).equals("-h") || words.get(0).equals("help")) {
            out.println(overview());
            return ExitCode.OK;
        }
        Command command = find(words);
        if (command == null) {
            err.println("zkedge: unknown command '" + String.join(" ", words.subList(0, Math.min(2, words.size())))
                    + "'; see zkedge --help");
            return ExitCode.USAGE;
        }
        try {
            Options options = Options.parse(command.name(), command.options(), words.subList(2, words.size()));
            if (options.help()) {
                out.println(command.help());
                return ExitCode.OK;
            }
            return command.run(options, out, err);
        } catch (UsageException e) {
            err.println("zkedge: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("zkedge: interrupted");
            return ExitCode.INTERNAL;
        } catch (Exception e) {
            // Not the input's fault: a module that is missing, refused, or misbehaving.
            err.println("zkedge: internal error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return ExitCode.INTERNAL;
        }
    }

    private Command find(List<String> words) {
        if (words.size() < 2) {
            return null;
        }
        String name = words.get(0) + " " + words.get(1);
        return commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private String overview() {
        StringBuilder text = new StringBuilder("Usage: zkedge <command> [options]\n\nCommands:\n");
        for (Command command : commands) {
            text.append(String.format("  %-22s %s%n", command.name(), command.summary()));
        }
        return text.append("\nRun 'zkedge <command> --help' for its options.\n\n")
                .append("Exit codes: 0 valid (or proof made), 1 invalid, 2 usage error or malformed input\n")
                .append("(bad hex, a malformed or unsupported statement, a refused proof request), 3 internal error.")
                .toString();
    }
}
