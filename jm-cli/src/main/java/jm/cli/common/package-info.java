/**
 * What every {@code jm} command shares: the data directory, {@code config.toml} with
 * environment overrides, and password sources.
 *
 * <p>Configuration precedence (highest first): command-line flag, environment variable,
 * {@code config.toml}, built-in default. Sections and keys follow JoinMarket NG's names where
 * the meaning is the same ({@code [tor] socks_host}, {@code [bitcoin] rpc_url},
 * {@code [network] network}, {@code [maker] cj_fee_relative}, {@code [taker] max_cj_fee_abs},
 * ...), and so do environment variables: {@code SECTION__KEY} in upper case, e.g.
 * {@code BITCOIN__RPC_URL}, {@code MAKER__MIN_SIZE}.
 *
 * <p>Must not import any module's internals: commands pass typed values on to their modules.
 */
package jm.cli.common;
