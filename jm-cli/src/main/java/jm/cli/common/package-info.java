/**
 * What every {@code jm} command shares: the data directory, {@code config.toml} with
 * environment overrides, password sources, the registry of configuration keys and the typed
 * readers of the shared sections ({@code [network]}, {@code [tor]}, {@code [bitcoin]},
 * {@code [wallet]}), and what commands are made of instead of copies: {@link jm.cli.common.GroupCommand}
 * (a command that only groups subcommands), {@link jm.cli.common.ConfiguredCommand} (data directory,
 * config and one error line per failure), the option mixins ({@code WalletOptions},
 * {@code MarketOptions}, {@code NodeOptions}/{@code RpcOptions}, {@code ParticipantOptions},
 * {@code StartConfirmation}) and {@link jm.cli.common.ShutdownHook}.
 *
 * <p>Configuration precedence (highest first): command-line flag, environment variable,
 * {@code config.toml}, built-in default. Sections and keys follow JoinMarket NG's names where
 * the meaning is the same ({@code [tor] socks_host}, {@code [bitcoin] rpc_url},
 * {@code [network] directory_servers}, {@code [maker] cj_fee_relative}, {@code [taker] max_cj_fee_abs},
 * ...), and so do environment variables: {@code SECTION__KEY} in upper case, e.g.
 * {@code BITCOIN__RPC_URL}, {@code MAKER__MIN_SIZE}. Older names (the reference's
 * {@code cjfee_r}, {@code directory_nodes}, ...) are registered as aliases and resolved in one
 * place, the configuration lookup; every key a command reads must be registered (a test checks
 * it), and the registry is the source of the unknown-key warnings and of
 * {@code docs/configuration.md}.
 *
 * <p>Must not import the command packages or any module's internals: commands pass typed
 * values on to their modules.
 */
package jm.cli.common;
