package jm.net.channel;

/** Cheap reads of a message body's commands, before any parsing into typed commands. */
final class MessageBodies {
    private MessageBodies() {
    }

    /** Whether a public body carries {@code orderbook} more than once (reference DoS guard, 1.6). */
    static boolean repeatsOrderbook(String body) {
        return orderbookCount(body) > 1;
    }

    /**
     * How many {@code orderbook} commands a message body carries, counting every {@code !}-separated
     * command of the line (as the command parser splits it), not only the first.
     */
    static int orderbookCount(String body) {
        int n = 0;
        for (String part : body.split("!")) {
            String cmd = part.strip();
            int sp = cmd.indexOf(' ');
            if ((sp < 0 ? cmd : cmd.substring(0, sp)).equals("orderbook")) {
                n++;
            }
        }
        return n;
    }

    /** The first command name of a body, without {@code !}. */
    static String firstCommand(String body) {
        String b = body.startsWith("!") ? body.substring(1) : body;
        int end = b.length();
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c == ' ' || c == '!') {
                end = i;
                break;
            }
        }
        return b.substring(0, end);
    }
}
