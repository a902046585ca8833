package jm.cli.tumbler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A yes/no question on standard input; anything but y or yes is no. */
final class Confirm {
    private Confirm() {
    }

    static boolean ask(InputStream in, PrintWriter p, String question) {
        p.println(question);
        p.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line != null && (line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
