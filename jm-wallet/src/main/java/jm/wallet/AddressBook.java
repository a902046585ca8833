package jm.wallet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jm.chain.DescriptorImport;
import jm.wallet.bond.BondAddress;
import jm.wallet.bond.BondBranch;
import jm.wallet.errors.WalletException;
import jm.wallet.keys.Branch;
import jm.wallet.keys.HdKeys;
import jm.wallet.keys.KeyPath;
import jm.wallet.keys.WalletAddress;
import jm.wallet.keys.WalletType;
import org.bitcoinj.crypto.ECKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key derivation and the address book: which address is the wallet's and at which path, the
 * addresses handed out (persisted before they are returned), the fidelity-bond addresses and the
 * descriptors the backend watches. Lookups cover every branch up to next index + gap limit.
 */
final class AddressBook {
    private static final Logger LOG = LoggerFactory.getLogger(AddressBook.class);
    private static final List<Branch> CHAIN_BRANCHES = List.of(Branch.EXTERNAL, Branch.INTERNAL);

    private final String walletName;
    private final WalletConfig config;
    private final HdKeys keys;
    private final BondBranch bondBranch;
    private final WalletMetadata meta;
    // guarded by meta; each holds at most the derived wallet addresses (next index + gap limit per branch)
    private final Map<String, KeyPath> index = new HashMap<>();
    private final Map<String, BondAddress> bonds = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final int[][] derivedCount;

    AddressBook(String walletName, WalletConfig config, HdKeys keys, WalletMetadata meta) {
        this.walletName = walletName;
        this.config = config;
        this.keys = keys;
        this.bondBranch = new BondBranch(keys);
        this.meta = meta;
        this.derivedCount = new int[config.mixdepths()][2];
        for (int t : meta.current().bondTimenumbers()) {
            BondAddress b = bondBranch.address(t);
            bonds.put(b.address(), b);
        }
    }

    String accountExport(int mixdepth) {
        checkMixdepth(mixdepth);
        return keys.accountExport(mixdepth, config.type() == WalletType.P2WPKH);
    }

    WalletAddress fresh(int mixdepth, Branch branch) {
        checkMixdepth(mixdepth);
        if (branch == Branch.BOND) {
            throw new IllegalArgumentException("use bondAddress for the bond branch");
        }
        synchronized (meta) {
            int i = meta.current().nextIndex(mixdepth, branch);
            meta.update(next -> next.raiseNextIndex(mixdepth, branch, i + 1));
            WalletAddress a = keys.address(mixdepth, branch, i);
            index.put(a.address(), a.path());
            LOG.debug("wallet {}: handed out {} {}", walletName, a.path(), a.address());
            return a;
        }
    }

    Optional<WalletAddress> recordedDeposit(int mixdepth) {
        checkMixdepth(mixdepth);
        synchronized (meta) {
            int next = meta.current().nextIndex(mixdepth, Branch.EXTERNAL);
            if (next > 0) {
                WalletAddress last = keys.address(mixdepth, Branch.EXTERNAL, next - 1);
                if (!meta.current().seen().containsValue(last.address()) && !used.contains(last.address())) {
                    return Optional.of(last);
                }
            }
            return Optional.empty();
        }
    }

    WalletAddress derive(int mixdepth, Branch branch, int i) {
        checkMixdepth(mixdepth);
        return keys.address(mixdepth, branch, i);
    }

    int nextIndex(int mixdepth, Branch branch) {
        return meta.current().nextIndex(mixdepth, branch);
    }

    BondAddress bond(int timenumber) {
        BondAddress b = bondBranch.address(timenumber);
        synchronized (meta) {
            meta.update(next -> {
                if (!next.bondTimenumbers().contains(timenumber)) {
                    next.addBond(timenumber);
                }
            });
            bonds.put(b.address(), b);
        }
        return b;
    }

    /** The recorded bond at an address, if it is one. */
    Optional<BondAddress> bondAt(String address) {
        synchronized (meta) {
            return Optional.ofNullable(bonds.get(address));
        }
    }

    /** Path of a wallet address: external/internal within the watched range, or a recorded bond. */
    Optional<KeyPath> pathOf(String address) {
        synchronized (meta) {
            ensureDerived();
            KeyPath p = index.get(address);
            if (p != null) {
                return Optional.of(p);
            }
            BondAddress b = bonds.get(address);
            return b == null ? Optional.empty() : Optional.of(b.path());
        }
    }

    /** The scriptPubKey of a wallet address at {@code path}. */
    byte[] scriptPubKey(KeyPath path) {
        return path.branch() == Branch.BOND ? bondBranch.address(path.index()).scriptPubKey()
                : keys.address(path.mixdepth(), path.branch(), path.index()).scriptPubKey();
    }

    ECKey key(KeyPath path) {
        return path.branch() == Branch.BOND ? bondBranch.key(path.index()) : keys.key(path);
    }

    /** Descriptors the backend watches: each branch up to next index + gap limit, and each recorded bond. */
    List<DescriptorImport> descriptors(long timestamp) {
        List<DescriptorImport> out = new ArrayList<>();
        synchronized (meta) {
            for (int m = 0; m < config.mixdepths(); m++) {
                for (Branch b : CHAIN_BRANCHES) {
                    String inner = "wpkh(" + keys.accountXpub(m) + "/" + b.index() + "/*)";
                    String desc = config.type() == WalletType.P2WPKH ? inner : "sh(" + inner + ")";
                    int end = meta.current().nextIndex(m, b) + config.gapLimit() - 1;
                    out.add(new DescriptorImport(desc, end, timestamp, b == Branch.INTERNAL));
                }
            }
            for (int t : meta.current().bondTimenumbers()) {
                out.add(new DescriptorImport("addr(" + bondBranch.address(t).address() + ")", 0, timestamp, false));
            }
        }
        return out;
    }

    /**
     * Records addresses the chain shows as used and raises next indices past every used wallet
     * address (persisted).
     *
     * @return whether an index rose, so the watched range must grow
     */
    boolean markUsed(Collection<String> addresses) {
        synchronized (meta) {
            ensureDerived();
            List<KeyPath> paths = new ArrayList<>();
            for (String a : addresses) {
                KeyPath p = a == null ? null : index.get(a);
                if (p != null) {
                    used.add(a);
                    paths.add(p);
                }
            }
            boolean grew = meta.update(next -> paths.stream()
                    .filter(p -> p.index() >= next.nextIndex(p.mixdepth(), p.branch()))
                    .forEach(p -> next.raiseNextIndex(p.mixdepth(), p.branch(), p.index() + 1)));
            if (grew) {
                ensureDerived();
            }
            return grew;
        }
    }

    void checkMixdepth(int mixdepth) {
        if (mixdepth < 0 || mixdepth >= config.mixdepths()) {
            throw new WalletException("mixdepth must be 0.." + (config.mixdepths() - 1) + ": " + mixdepth);
        }
    }

    /** Derives every address up to next index + gap limit of each branch into the lookup map. */
    private void ensureDerived() {
        for (int m = 0; m < config.mixdepths(); m++) {
            for (Branch b : CHAIN_BRANCHES) {
                int want = meta.current().nextIndex(m, b) + config.gapLimit();
                for (int i = derivedCount[m][b.index()]; i < want; i++) {
                    WalletAddress a = keys.address(m, b, i);
                    index.put(a.address(), a.path());
                }
                derivedCount[m][b.index()] = Math.max(derivedCount[m][b.index()], want);
            }
        }
    }
}
