package jm.cli.common;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where a wallet password comes from, in this order: {@code --password-file}, the
 * {@code JM_WALLET_PASSWORD} environment variable (automation), a no-echo console prompt.
 * Never logged; callers wipe the returned array when done.
 */
public final class Passwords {
    public static final String ENV = "JM_WALLET_PASSWORD";

    private Passwords() {
    }

    /** Refuses a new wallet password that is empty or only whitespace. */
    public static void checkNew(jm.wallet.store.Password password) {
        if (password.isEmpty()) {
            throw new ConfigException("an empty wallet password is not allowed");
        }
        char[] c = password.chars();
        try {
            boolean blank = true;
            for (char ch : c) {
                blank &= Character.isWhitespace(ch) || Character.isSpaceChar(ch);
            }
            if (blank) {
                throw new ConfigException("a wallet password of only spaces is not allowed");
            }
        } finally {
            Arrays.fill(c, '\0');
        }
    }

    /**
     * @param confirm ask twice on the console (new wallets)
     * @throws ConfigException if no source is available or the file cannot be read
     */
    public static char[] read(Path passwordFile, Map<String, String> env, String prompt, boolean confirm) {
        if (passwordFile != null) {
            try {
                String s = Files.readString(passwordFile, StandardCharsets.UTF_8);
                // a trailing newline written by `echo` is not part of the password
                if (s.endsWith("\n")) {
                    s = s.substring(0, s.length() - 1);
                }
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
                return s.toCharArray();
            } catch (IOException e) {
                throw new ConfigException("cannot read password file " + passwordFile + ": " + e.getMessage());
            }
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new ConfigException("a wallet password is needed: no terminal to prompt on; use --password-file"
                    + " or set " + ENV);
        }
        char[] first = console.readPassword("%s", prompt);
        if (first == null) {
            throw new ConfigException("no password entered");
        }
        if (confirm) {
            char[] second = console.readPassword("Repeat: ");
            boolean same = second != null && Arrays.equals(first, second);
            if (second != null) {
                Arrays.fill(second, '\0');
            }
            if (!same) {
                Arrays.fill(first, '\0');
                throw new ConfigException("the two passwords differ");
            }
        }
        return first;
    }
}
