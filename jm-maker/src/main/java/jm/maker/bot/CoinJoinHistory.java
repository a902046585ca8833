package jm.maker.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CoinJoin history CSV ({@code coinjoin_history.csv}, NG's columns): a maker row is written
 * when we sign (pending, {@code success=False}) and updated when the transaction confirms
 * ({@code success=True}, confirmations, {@code confirmed_at}, the fee earned). Rewrites are atomic
 * (temporary file, fsync, rename). Values we write never contain commas, quotes or newlines.
 * Thread-safe.
 */
public final class CoinJoinHistory {
    public static final String FILE_NAME = "coinjoin_history.csv";
    public static final List<String> COLUMNS = List.of("timestamp", "completed_at", "role", "success",
            "failure_reason", "confirmations", "confirmed_at", "txid", "cj_amount", "peer_count",
            "counterparty_nicks", "fee_received", "txfee_contribution", "total_maker_fees_paid", "mining_fee_paid",
            "net_fee", "source_mixdepth", "destination_address", "change_address", "utxos_used",
            "broadcast_method", "network");

    private final Path file;

    public CoinJoinHistory(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** A maker CoinJoin we just signed. */
    public record MakerEntry(Instant at, String txid, long cjAmount, String takerNick, long feeReceived,
                             long txFeeContribution, int mixdepth, String cjAddress, String changeAddress,
                             List<String> utxos, String network) {
    }

    /** Appends the pending row of a CoinJoin we signed. */
    public synchronized void recordSigned(MakerEntry e) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            row.put(c, "");
        }
        row.put("timestamp", e.at().toString());
        row.put("role", "maker");
        row.put("success", "False");
        row.put("failure_reason", "Pending confirmation");
        row.put("confirmations", "0");
        row.put("txid", e.txid());
        row.put("cj_amount", Long.toString(e.cjAmount()));
        row.put("peer_count", "None");
        row.put("counterparty_nicks", e.takerNick());
        row.put("fee_received", Long.toString(e.feeReceived()));
        row.put("txfee_contribution", Long.toString(e.txFeeContribution()));
        row.put("total_maker_fees_paid", "0");
        row.put("mining_fee_paid", "0");
        row.put("net_fee", Long.toString(e.feeReceived() - e.txFeeContribution()));
        row.put("source_mixdepth", Integer.toString(e.mixdepth()));
        row.put("destination_address", e.cjAddress());
        row.put("change_address", e.changeAddress());
        row.put("utxos_used", String.join(",", e.utxos()));
        row.put("network", e.network());
        List<Map<String, String>> rows = read();
        rows.add(row);
        write(rows);
    }

    /**
     * Marks {@code txid} confirmed with {@code confirmations}.
     *
     * @return whether a pending maker row for it was found
     */
    public synchronized boolean recordConfirmed(String txid, int confirmations, Instant at) {
        List<Map<String, String>> rows = read();
        boolean found = false;
        for (Map<String, String> r : rows) {
            if (txid.equals(r.get("txid")) && "maker".equals(r.get("role"))) {
                if (r.getOrDefault("confirmed_at", "").isEmpty()) {
                    r.put("confirmed_at", at.toString());
                    r.put("completed_at", at.toString());
                }
                r.put("confirmations", Integer.toString(confirmations));
                r.put("success", "True");
                r.put("failure_reason", "");
                found = true;
            }
        }
        if (found) {
            write(rows);
        }
        return found;
    }

    /** Txids of maker rows still waiting for a confirmation. */
    public synchronized List<String> pendingTxids() {
        List<String> out = new ArrayList<>();
        for (Map<String, String> r : read()) {
            if ("maker".equals(r.get("role")) && "False".equals(r.get("success")) && !r.get("txid").isEmpty()
                    && r.getOrDefault("completed_at", "").isEmpty()) {
                out.add(r.get("txid"));
            }
        }
        return out;
    }

    /** All rows (column -> value), oldest first. */
    public synchronized List<Map<String, String>> read() {
        List<Map<String, String>> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            return rows;
        }
        String[] header = lines.get(0).split(",", -1);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = splitCsv(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : COLUMNS) {
                row.put(c, "");
            }
            for (int j = 0; j < header.length && j < cells.size(); j++) {
                row.put(header[j], cells.get(j));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Finds the row of {@code txid}. */
    public synchronized Optional<Map<String, String>> row(String txid) {
        return read().stream().filter(r -> txid.equals(r.get("txid"))).findFirst();
    }

    private void write(List<Map<String, String>> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Map<String, String> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : COLUMNS) {
                cells.add(quote(r.getOrDefault(c, "")));
            }
            sb.append(String.join(",", cells)).append("\r\n");
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, sb, StandardCharsets.UTF_8);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String quote(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
