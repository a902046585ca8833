package jm.cli.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * {@code -y/--yes} of the commands that ask before they start spending ({@code jm taker coinjoin},
 * {@code jm tumbler run}): without it, a yes/no question on standard input, where anything but
 * y or yes is no.
 */
public final class StartConfirmation {
    @Option(names = {"-y", "--yes"}, description = "Do not ask before starting.")
    boolean yes;

    /** True with {@code --yes}; else prints {@code question} to {@code p} and reads the answer from {@code in}. */
    public boolean confirmed(InputStream in, PrintWriter p, String question) {
        if (yes) {
            return true;
        }
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
