package org.vectorindex.jobs.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named table of commands that dispatches on the first argument. Tables nest ({@code bench} is a
 * table inside the jar's table), so adding a command anywhere is one {@link #add} line.
 */
public final class Subcommands implements Command {
    /** Exit code for a usage error, as in most Unix tools. */
    public static final int USAGE = 2;

    private record Entry(String summary, Command command) {}

    private final String prefix;
    private final Map<String, Entry> commands = new LinkedHashMap<>();
    private final PrintStream err;

    /**
     * @param prefix how the table is invoked, e.g. {@code "flink-vector-index.jar bench"}; used in
     *     usage text
     */
    public Subcommands(String prefix) {
        this(prefix, System.err);
    }

    public Subcommands(String prefix, PrintStream err) {
        this.prefix = Objects.requireNonNull(prefix, "prefix is missing");
        this.err = Objects.requireNonNull(err, "err is missing");
    }

    /** Registers {@code name}; a duplicate name is a programming error and fails at once. */
    public Subcommands add(String name, String summary, Command command) {
        Objects.requireNonNull(command, "command is missing for " + name);
        if (commands.putIfAbsent(name, new Entry(summary, command)) != null) {
            throw new IllegalStateException("command '" + name + "' registered twice");
        }
        return this;
    }

    @Override
    public int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            err.println("missing command");
            err.print(usage());
            return USAGE;
        }
        String name = args.get(0);
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            System.out.print(usage());
            return 0;
        }
        Entry entry = commands.get(name);
        if (entry == null) {
            err.println("unknown command '" + name + "'");
            err.print(usage());
            return USAGE;
        }
        return entry.command().run(args.subList(1, args.size()));
    }

    /** One line per registered command. */
    public String usage() {
        StringBuilder sb = new StringBuilder("usage: ").append(prefix).append(" <command> ...\n");
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        commands.forEach(
                (name, e) ->
                        sb.append("  ")
                                .append(name)
                                .append(" ".repeat(width - name.length() + 2))
                                .append(e.summary())
                                .append('\n'));
        return sb.toString();
    }
}
