package org.vectorindex.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small {@code --name value} parser. Every command declares its flags up front, so a typo or a
 * missing value fails before any work starts (a benchmark that silently ignored {@code --ef} would
 * waste minutes and report the wrong thing). Values may also be written {@code --name=value}.
 * Errors are {@link IllegalArgumentException}s whose message names the command and the flag.
 */
public final class Flags {
    private final Spec spec;
    private final Map<String, String> values;

    private Flags(Spec spec, Map<String, String> values) {
        this.spec = spec;
        this.values = values;
    }

    /** Starts the declaration of a command's flags. */
    public static Spec spec(String command) {
        return new Spec(command);
    }

    /** Whether the flag was given (or has a default). */
    public boolean has(String name) {
        spec.definition(name);
        return values.containsKey(name);
    }

    /** The flag's value, its default, or null when it is optional and absent. */
    public String string(String name) {
        spec.definition(name);
        return values.get(name);
    }

    /** The value of a flag that must be present. */
    public String required(String name) {
        String v = string(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    spec.command + ": missing required flag --" + name + "\n" + spec.usage());
        }
        return v;
    }

    public Path path(String name) {
        String v = string(name);
        return v == null ? null : Path.of(v);
    }

    public Path requiredPath(String name) {
        return Path.of(required(name));
    }

    public int integer(String name) {
        String v = required(name);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(name, v, "an integer");
        }
    }

    /** An integer that must be at least {@code min}. */
    public int integer(String name, int min) {
        int v = integer(name);
        if (v < min) {
            throw new IllegalArgumentException(
                    spec.command + ": --" + name + " must be at least " + min + ", got " + v);
        }
        return v;
    }

    public long longValue(String name) {
        String v = required(name);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw bad(name, v, "an integer");
        }
    }

    public double decimal(String name) {
        String v = required(name);
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw bad(name, v, "a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(name, v, "a number");
        }
    }

    /** A comma-separated list of positive integers, e.g. {@code 10,20,40}. */
    public int[] positiveIntegers(String name) {
        String v = required(name);
        String[] parts = v.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw bad(name, v, "a comma-separated list of positive integers");
            }
            if (out[i] < 1) {
                throw bad(name, v, "a comma-separated list of positive integers");
            }
        }
        return out;
    }

    /** A comma-separated list of fractions in (0, 1], e.g. {@code 0.01,0.1,0.5}; empty if unset. */
    public double[] fractions(String name) {
        if (!has(name)) {
            return new double[0];
        }
        String v = required(name);
        String[] parts = v.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw bad(name, v, "a comma-separated list of fractions in (0, 1]");
            }
            if (!(out[i] > 0 && out[i] <= 1)) {
                throw bad(name, v, "a comma-separated list of fractions in (0, 1]");
            }
        }
        return out;
    }

    private IllegalArgumentException bad(String name, String value, String expected) {
        return new IllegalArgumentException(
                spec.command + ": --" + name + " expects " + expected + ", got '" + value + "'");
    }

    /** The declared flags of one command. */
    public static final class Spec {
        private record Definition(
                String name, String defaultValue, boolean required, String help) {}

        private final String command;
        private final Map<String, Definition> definitions = new LinkedHashMap<>();

        private Spec(String command) {
            this.command = Objects.requireNonNull(command, "command is missing");
        }

        /** A flag the command cannot run without. */
        public Spec required(String name, String help) {
            return define(new Definition(name, null, true, help));
        }

        /** A flag with a default value; {@code defaultValue} null means "absent unless given". */
        public Spec optional(String name, String defaultValue, String help) {
            return define(new Definition(name, defaultValue, false, help));
        }

        private Spec define(Definition d) {
            if (definitions.putIfAbsent(d.name(), d) != null) {
                throw new IllegalStateException(
                        command + ": flag --" + d.name() + " declared twice");
            }
            return this;
        }

        private Definition definition(String name) {
            Definition d = definitions.get(name);
            if (d == null) {
                // Asking for an undeclared flag is a bug in the command, not a user error.
                throw new IllegalStateException(command + ": flag --" + name + " is not declared");
            }
            return d;
        }

        /** Parses {@code args}; fails on unknown, repeated or value-less flags and stray words. */
        public Flags parse(List<String> args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--") || arg.length() == 2) {
                    throw new IllegalArgumentException(
                            command + ": unexpected argument '" + arg + "'\n" + usage());
                }
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!definitions.containsKey(name)) {
                    throw new IllegalArgumentException(
                            command + ": unknown flag --" + name + "\n" + usage());
                }
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException(
                                command + ": flag --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (given.put(name, value) != null) {
                    throw new IllegalArgumentException(
                            command + ": flag --" + name + " given more than once");
                }
            }
            List<String> missing = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            for (Definition d : definitions.values()) {
                String v = given.containsKey(d.name()) ? given.get(d.name()) : d.defaultValue();
                if (v != null) {
                    values.put(d.name(), v);
                } else if (d.required()) {
                    missing.add("--" + d.name());
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        command
                                + ": missing required flag"
                                + (missing.size() > 1 ? "s " : " ")
                                + String.join(", ", missing)
                                + "\n"
                                + usage());
            }
            return new Flags(this, Collections.unmodifiableMap(values));
        }

        /** The command line and one line per flag, with defaults. */
        public String usage() {
            StringBuilder sb = new StringBuilder("usage: ").append(command);
            for (Definition d : definitions.values()) {
                sb.append(d.required() ? " --" + d.name() + " V" : " [--" + d.name() + " V]");
            }
            sb.append('\n');
            for (Definition d : definitions.values()) {
                sb.append("  --").append(d.name()).append("  ").append(d.help());
                if (d.defaultValue() != null) {
                    sb.append(" (default ").append(d.defaultValue()).append(')');
                } else if (d.required()) {
                    sb.append(" (required)");
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    }
}
