package org.vectorindex.jobs.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Adapts a command line to {@link org.vectorindex.jobs.cli.Flags}, which wants exactly one value
 * per flag: a bare switch such as {@code --binary} becomes {@code --binary=true}, and a repeatable
 * flag such as {@code --kafka-property k=v} is collected into a list and removed. Declaring the
 * switches and repeatable flags in the command's spec as well keeps them in its usage text.
 */
public final class ClientArgs {
    private final List<String> remaining;
    private final List<String> repeated;

    private ClientArgs(List<String> remaining, List<String> repeated) {
        this.remaining = Collections.unmodifiableList(remaining);
        this.repeated = Collections.unmodifiableList(repeated);
    }

    /**
     * @param args the command's arguments
     * @param switches names (without {@code --}) of value-less boolean flags
     * @param repeatable name of the one flag that may be given many times (e.g. {@code
     *     kafka-property}); its values are returned by {@link #repeated()}
     */
    public static ClientArgs of(List<String> args, Set<String> switches, String repeatable) {
        List<String> rest = new ArrayList<>(args.size());
        List<String> values = new ArrayList<>();
        String repeatFlag = "--" + repeatable;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(repeatFlag)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("flag " + repeatFlag + " needs a value");
                }
                values.add(args.get(++i));
            } else if (a.startsWith(repeatFlag + "=")) {
                values.add(a.substring(repeatFlag.length() + 1));
            } else if (a.startsWith("--") && switches.contains(a.substring(2))) {
                rest.add(a + "=true");
            } else {
                rest.add(a);
            }
        }
        return new ClientArgs(rest, values);
    }

    /** The arguments left for {@code Flags.parse}. */
    public List<String> remaining() {
        return remaining;
    }

    /** Every value of the repeatable flag, in order. */
    public List<String> repeated() {
        return repeated;
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
