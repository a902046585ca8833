package jm.demo.market;

import java.util.Objects;

/**
 * The demo's spend of maker 1's expired bond ({@link DemoMarket#spendExpiredBond}).
 *
 * @param bond           the bond spent
 * @param blocksMined    blocks mined to move the tip's median time past beyond its locktime
 * @param medianTimePast the tip's median time past when it was spent
 * @param txid           the spending transaction
 * @param lockTime       its nLockTime (the bond's locktime)
 * @param sequence       its input's nSequence
 * @param amount         what it paid into the new bond (the bond less the miner fee)
 * @param newLocktime    the locktime of the new bond it paid
 * @param confirmations  confirmations the node reports after one block
 * @param blockHeight    the node's height after that block
 */
public record BondSpend(DemoBond bond, int blocksMined, long medianTimePast, String txid, long lockTime,
        long sequence, long amount, long newLocktime, int confirmations, long blockHeight) {
    public BondSpend {
        Objects.requireNonNull(bond);
        Objects.requireNonNull(txid);
    }
}
