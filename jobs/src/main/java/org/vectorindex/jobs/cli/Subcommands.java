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

    private record Entry(String summary, String usage, Command command) {}

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

    /** Registers a table of commands; {@code name --help} prints that table's usage. */
    public Subcommands add(String name, String summary, Subcommands table) {
        return add(name, summary, table.usage(), table);
    }

    /**
     * Registers {@code name}; a duplicate name is a programming error and fails at once. When the
     * arguments hold {@code --help} or {@code -h}, {@code usage} is printed and the command does
     * not run, so every command gets help the same way whatever its own parsing.
     */
    public Subcommands add(String name, String summary, String usage, Command command) {
        Objects.requireNonNull(command, "command is missing for " + name);
        Objects.requireNonNull(usage, "usage is missing for " + name);
        if (commands.putIfAbsent(name, new Entry(summary, usage, command)) != null) {
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
        List<String> rest = args.subList(1, args.size());
        if (!(entry.command() instanceof Subcommands)
                && (rest.contains("--help") || rest.contains("-h"))) {
            System.out.print(entry.usage().endsWith("\n") ? entry.usage() : entry.usage() + "\n");
            return 0;
        }
        return entry.command().run(rest);
    }

    /** The registered command names, in registration order. */
    public List<String> names() {
        return List.copyOf(commands.keySet());
    }

    /** The nested table registered as {@code name}, or null if it is a plain command. */
    public Subcommands table(String name) {
        Entry e = commands.get(name);
        return e != null && e.command() instanceof Subcommands t ? t : null;
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
