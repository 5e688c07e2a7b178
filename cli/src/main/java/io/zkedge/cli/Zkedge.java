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
 * zkedge gateway --bootstrap-servers H:P [--rate R] [--duration T | --count N] [options]
 * zkedge keys generate --purpose edge-node|module-signing --out PREFIX
 * zkedge module sign|verify|inspect|publish ...
 * zkedge audit --public-key FILE [--public-key FILE...] (--bootstrap-servers H:P | --input FILE) [--report DIR]
 * zkedge audit export --bootstrap-servers H:P --out FILE
 * </pre>
 *
 * <p>A command is one word ({@code gateway}) or two ({@code verify range}); its options follow.
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
                new GatewayCommand(modules),
                new KeysGenerateCommand(),
                new ModuleSignCommand(),
                new ModuleVerifyCommand(),
                new ModuleInspectCommand(),
                new ModulePublishCommand(),
                new VkSignCommand(modules),
                new VkPublishCommand(),
                new AuditCommand(),
                new AuditExportCommand());
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
            err.println("zkedge: " + unknown(words));
            return ExitCode.USAGE;
        }
        try {
            int nameWords = command.name().split(" ").length;
            Options options = Options.parse(command.name(), command.options(), command.repeatableOptions(),
                    words.subList(nameWords, words.size()));
            if (options.help()) {
                out.println(command.help());
                return ExitCode.OK;
            }
            return command.run(options, out, err);
        } catch (UsageException e) {
            err.println("zkedge: " + oneLine(e.getMessage()));
            return ExitCode.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("zkedge: interrupted");
            return ExitCode.INTERNAL;
        } catch (Exception e) {
            // Not the input's fault: a module that is missing, refused, or misbehaving.
            err.println("zkedge: internal error: " + oneLine(e.getMessage() != null ? e.getMessage() : e.toString()));
            return ExitCode.INTERNAL;
        }
    }

    /**
     * The command whose words begin the command line ({@code gateway ...}, {@code verify range ...});
     * the one with most words if several do.
     */
    private Command find(List<String> words) {
        Command found = null;
        int foundWords = 0;
        for (Command command : commands) {
            List<String> name = Arrays.asList(command.name().split(" "));
            if (name.size() > foundWords && words.size() >= name.size() && words.subList(0, name.size()).equals(name)) {
                found = command;
                foundWords = name.size();
            }
        }
        return found;
    }

    /** Why no command matched: a group without its second word, or an unknown word. */
    private String unknown(List<String> words) {
        String first = words.get(0);
        List<String> group = commands.stream().map(Command::name).filter(n -> n.startsWith(first + " ")).toList();
        if (!group.isEmpty()) {
            String given = words.size() > 1 ? "unknown command '" + first + " " + words.get(1) + "'" : "'" + first + "' needs a subcommand";
            return given + ": " + String.join(", ", group) + "; see zkedge --help";
        }
        return "unknown command '" + first + "'; see zkedge --help";
    }

    /** A message as one line: what a module or library wrote may span several. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
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
