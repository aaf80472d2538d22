package org.vectorindex.jobs.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adapts a command line to {@link org.vectorindex.jobs.cli.Flags}, which wants exactly one value
 * per flag: a bare switch such as {@code --binary} becomes {@code --binary=true}, and a repeatable
 * flag such as {@code --kafka-property k=v} is collected into a list and removed. Declaring the
 * switches and repeatable flags in the command's spec as well keeps them in its usage text.
 */
public final class ClientArgs {
    private final List<String> remaining;
    private final Map<String, List<String>> repeated;
    private final String firstRepeatable;

    private ClientArgs(
            List<String> remaining, Map<String, List<String>> repeated, String firstRepeatable) {
        this.remaining = Collections.unmodifiableList(remaining);
        this.repeated = repeated;
        this.firstRepeatable = firstRepeatable;
    }

    /**
     * @param args the command's arguments
     * @param switches names (without {@code --}) of value-less boolean flags
     * @param repeatable name of the one flag that may be given many times (e.g. {@code
     *     kafka-property}); its values are returned by {@link #repeated()}
     */
    public static ClientArgs of(List<String> args, Set<String> switches, String repeatable) {
        return of(args, switches, List.of(repeatable));
    }

    /**
     * As {@link #of(List, Set, String)} with several repeatable flags; see {@link
     * #repeated(String)}.
     */
    public static ClientArgs of(List<String> args, Set<String> switches, List<String> repeatables) {
        List<String> rest = new ArrayList<>(args.size());
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String r : repeatables) {
            values.put(r, new ArrayList<>());
        }
        outer:
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (String r : repeatables) {
                String repeatFlag = "--" + r;
                if (a.equals(repeatFlag)) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("flag " + repeatFlag + " needs a value");
                    }
                    values.get(r).add(args.get(++i));
                    continue outer;
                } else if (a.startsWith(repeatFlag + "=")) {
                    values.get(r).add(a.substring(repeatFlag.length() + 1));
                    continue outer;
                }
            }
            if (a.startsWith("--") && switches.contains(a.substring(2))) {
                rest.add(a + "=true");
            } else {
                rest.add(a);
            }
        }
        return new ClientArgs(rest, values, repeatables.get(0));
    }

    /** The arguments left for {@code Flags.parse}. */
    public List<String> remaining() {
        return remaining;
    }

    /** Every value of the (first) repeatable flag, in order. */
    public List<String> repeated() {
        return repeated(firstRepeatable);
    }

    /** Every value of repeatable flag {@code name}, in order. */
    public List<String> repeated(String name) {
        List<String> v = repeated.get(name);
        if (v == null) {
            throw new IllegalStateException("flag --" + name + " is not repeatable here");
        }
        return Collections.unmodifiableList(v);
    }

    /** Parses a switch value: {@code true} or {@code false}, anything else fails. */
    public static boolean bool(String flag, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new IllegalArgumentException(
                "--"
                        + flag
                        + " is a switch: give it alone, or =true / =false; got '"
                        + value
                        + "'");
    }
}
