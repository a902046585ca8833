package jm.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jm.chain.ChainBackend;
import jm.chain.ChainException;
import jm.core.OutPoint;
import jm.core.ProtocolException;
import jm.core.Sats;
import jm.core.offer.Offer;
import jm.core.offer.OfferType;
import jm.maker.bot.ChainMakerAdapter;
import jm.maker.bot.CoinJoinHistory;
import jm.maker.bot.MakerBot;
import jm.maker.bot.MakerSettings;
import jm.maker.bot.WalletBondProofs;
import jm.maker.bot.WalletMakerAdapter;
import jm.net.transport.NetRuntime;
import jm.orderbook.web.OrderbookJson;
import jm.taker.adapter.WalletTakerAdapter;
import jm.taker.client.CoinJoinHandle;
import jm.taker.client.TakerClient;
import jm.taker.podle.FileUsedCommitmentStore;
import jm.taker.selection.FeeLimits;
import jm.taker.selection.SelectionPolicy;
import jm.taker.session.CoinJoinReport;
import jm.taker.session.CoinJoinRequest;
import jm.taker.session.TakerConfig;
import jm.tumbler.plan.PlanException;
import jm.tumbler.plan.PlanGenerator;
import jm.tumbler.plan.ScheduleEntry;
import jm.tumbler.plan.TumbleParameters;
import jm.tumbler.run.TumbleExecutor;
import jm.tumbler.run.TumbleReport;
import jm.tumbler.run.TumbleRun;
import jm.tumbler.run.Waits;
import jm.tumbler.state.StepState;
import jm.tumbler.state.TumbleState;
import jm.tumbler.state.TumbleStateStore;
import jm.tumbler.taker.TakerClientCoinJoins;
import jm.wallet.SendPlan;
import jm.wallet.SyncReport;
import jm.wallet.Wallet;
import jm.wallet.WalletConfig;
import jm.wallet.errors.WalletException;
import jm.wallet.WalletStorage;
import jm.wallet.bond.TimeNumbers;
import jm.wallet.coins.InsufficientFundsException;
import jm.wallet.coins.WalletCoin;
import jm.wallet.keys.Branch;
import jm.wallet.keys.HdKeys;
import jm.wallet.keys.InvalidMnemonicException;
import jm.wallet.keys.Mnemonic;
import jm.wallet.keys.Passphrase;
import jm.wallet.keys.WalletType;
import jm.wallet.store.Password;
import jm.wallet.store.WalletFile;
import jm.wallet.store.WalletInUseException;
import jm.wallet.store.WrongPasswordException;
import org.bitcoinj.core.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference jmwalletd's API (wallet_rpc.py) over this project's wallet and maker: one wallet
 * unlocked at a time, its tokens, its maker, the CoinJoin state Jam watches. Requests arrive as
 * {@link Http.Request}s from {@link DaemonServer} on a worker thread (never an event loop: wallet
 * calls block). State changes are serialised on this object.
 */
public final class WalletDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalletDaemon.class);
    /** The reference version we answer in {@code getinfo}: Jam enables features by it. */
    public static final String API_VERSION = "0.9.11";
    public static final String WALLET_SUFFIX = ".jmdat";
    static final int CJ_TAKER_RUNNING = 0;
    static final int CJ_MAKER_RUNNING = 1;
    static final int CJ_NOT_RUNNING = 2;
    private static final String NOT_LOADED = "None";
    /** How long taker/stop or lock waits in the background for a stopped tumble's CoinJoin to end. */
    private static final Duration TUMBLE_STOP_WAIT = Duration.ofSeconds(60);
    private static final DateTimeFormatter YIGEN_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final DaemonContext context;
    private final Clock clock;
    private final SecureRandom random;
    private final TokenAuthority tokens;
    private final Consumer<ObjectNode> notifier;
    private final Routes routes = new Routes();
    private final ExecutorService background;
    private final ScheduledExecutorService monitor;
    private final Duration pollInterval;
    private final Map<String, Map<String, String>> config = new LinkedHashMap<>();
    private NetRuntime runtime;

    // ---- state, guarded by this
    private Unlocked unlocked;
    private int coinjoinState = CJ_NOT_RUNNING;
    private MakerBot maker;
    private long makerGeneration;
    private TakerClient taker;
    private CoinJoinHandle takerRun;
    private TumbleRun tumble;
    /** How the last tumble of each wallet ended in this daemon (NG's cancelled/failed), until a new plan. */
    private final Map<String, TumbleRun.End> tumbleEnds = new java.util.concurrent.ConcurrentHashMap<>();
    /** The parameters of each wallet's NG plan, for its start (the state file does not keep them). */
    private final Map<String, TumbleParameters> planParameters = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean takerStopRequested;
    private volatile boolean rescanning;
    private volatile double rescanProgress;

    /** The unlocked wallet and what goes with it. */
    private static final class Unlocked {
        final String apiName;
        final Wallet wallet;
        final ChainBackend chain;
        final Mnemonic mnemonic;
        final Passphrase passphrase;
        final CompletableFuture<Void> firstSync = new CompletableFuture<>();
        final Set<String> notified = new HashSet<>();
        volatile long height = -1;

        Unlocked(String apiName, Wallet wallet, ChainBackend chain, Mnemonic mnemonic, Passphrase passphrase) {
            this.apiName = apiName;
            this.wallet = wallet;
            this.chain = chain;
            this.mnemonic = mnemonic;
            this.passphrase = passphrase;
        }
    }

    /**
     * @param notifier    sends one JSON message to every authenticated WebSocket client
     * @param pollInterval how often the unlocked wallet is re-synced (new blocks, new coins)
     */
    public WalletDaemon(DaemonContext context, Clock clock, SecureRandom random, Consumer<ObjectNode> notifier,
                        Duration pollInterval) {
        this.context = context;
        this.clock = clock;
        this.random = random;
        this.tokens = new TokenAuthority(clock, random);
        this.notifier = notifier;
        this.pollInterval = pollInterval;
        context.config().forEach((k, v) -> config.put(k, new LinkedHashMap<>(v)));
        this.background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jm-daemon-task");
            t.setDaemon(true);
            return t;
        });
        this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jm-daemon-sync");
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        registerRoutes();
    }

    public TokenAuthority tokens() {
        return tokens;
    }

    public Routes routes() {
        return routes;
    }

    // ------------------------------------------------------------------ routing

    private void registerRoutes() {
        String v = "/api/v1";
        String w = v + "/wallet/{walletname}";
        routes.add("GET", v + "/getinfo", "version", (r, p) -> json(o -> o.put("version", API_VERSION)))
                .add("GET", v + "/session", "session", (r, p) -> session(r))
                .add("POST", v + "/token", "token", (r, p) -> refresh(r))
                .add("GET", v + "/wallet/all", "listwallets", (r, p) -> listWallets())
                .add("POST", v + "/wallet/create", "createwallet", (r, p) -> create(r, false))
                .add("POST", v + "/wallet/recover", "recoverwallet", (r, p) -> create(r, true))
                .add("POST", w + "/unlock", "unlockwallet", (r, p) -> unlock(r, p.get(0)))
                .add("GET", w + "/lock", "lockwallet", (r, p) -> lock(r, p.get(0)))
                .add("GET", w + "/display", "displaywallet", (r, p) -> display(r, p.get(0)))
                .add("GET", w + "/utxos", "listutxos", (r, p) -> utxos(r, p.get(0)))
                .add("GET", w + "/address/new/{mixdepth}", "getaddress", (r, p) -> newAddress(r, p.get(0), p.get(1)))
                .add("GET", w + "/address/timelock/new/{lockdate}", "gettimelockaddress",
                        (r, p) -> timelockAddress(r, p.get(0), p.get(1)))
                .add("GET", w + "/getseed", "getseed", (r, p) -> getSeed(r, p.get(0)))
                .add("POST", w + "/freeze", "freeze", (r, p) -> freeze(r, p.get(0)))
                .add("POST", w + "/configget", "configget", (r, p) -> configGet(r, p.get(0)))
                .add("POST", w + "/configset", "configset", (r, p) -> configSet(r, p.get(0)))
                .add("GET", w + "/rescanblockchain/{blockheight}", "rescanblockchain",
                        (r, p) -> rescan(r, p.get(0), p.get(1)))
                .add("GET", w + "/getrescaninfo", "getrescaninfo", (r, p) -> rescanInfo(r, p.get(0)))
                .add("POST", w + "/signmessage", "signmessage", (r, p) -> signMessage(r, p.get(0)))
                .add("GET", v + "/wallet/yieldgen/report", "yieldgen_report", (r, p) -> yieldgenReport())
                .add("POST", w + "/taker/direct-send", "directsend", (r, p) -> directSend(r, p.get(0)))
                .add("POST", w + "/taker/coinjoin", "docoinjoin", (r, p) -> coinjoin(r, p.get(0)))
                .add("GET", w + "/taker/stop", "stopcoinjoin", (r, p) -> stopTaker(r, p.get(0)))
                .add("POST", w + "/maker/start", "start_maker", (r, p) -> startMaker(r, p.get(0)))
                .add("GET", w + "/maker/stop", "stop_maker", (r, p) -> stopMaker(r, p.get(0)))
                .add("POST", w + "/taker/schedule", "start_tumbler", (r, p) -> startSchedule(r, p.get(0)))
                .add("GET", w + "/taker/schedule", "get_tumbler_schedule", (r, p) -> schedule(r, p.get(0)))
                .add("POST", w + "/tumbler/plan", "tumblerplan", (r, p) -> tumblerPlan(r, p.get(0)))
                .add("DELETE", w + "/tumbler/plan", "tumblerplandelete", (r, p) -> tumblerDelete(r, p.get(0)))
                .add("GET", w + "/tumbler/status", "tumblerstatus", (r, p) -> tumblerStatus(r, p.get(0)))
                .add("POST", w + "/tumbler/start", "tumblerstart", (r, p) -> tumblerStart(r, p.get(0)))
                .add("POST", w + "/tumbler/stop", "tumblerstop", (r, p) -> tumblerStop(r, p.get(0)))
                .add("GET", "/obwatch/orderbook.json", "orderbook", (r, p) -> orderbook())
                .add("POST", "/obwatch/refreshorderbook", "refreshorderbook", (r, p) -> refreshOrderbook())
                .add("GET", v + "/obwatch/orderbook.json", "orderbook_v1", (r, p) -> orderbook())
                .add("POST", v + "/obwatch/refreshorderbook", "refreshorderbook_v1", (r, p) -> refreshOrderbook())
                .add("GET", "/openapi.json", "openapi", (r, p) -> Http.Response.ok(routes.openApi(API_VERSION)))
                .add("GET", v + "/openapi.json", "openapi_v1", (r, p) -> Http.Response.ok(routes.openApi(API_VERSION)));
    }

    /** Answers one request; every failure becomes the reference's status and {@code {"message"}} body. */
    public Http.Response handle(Http.Request request) {
        try {
            return routes.dispatch(request);
        } catch (ApiException e) {
            return error(e);
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", request, e.toString());
            return error(new ApiException(500, "Internal error: " + e.getMessage()));
        }
    }

    static Http.Response error(ApiException e) {
        ObjectNode b = WalletViews.JSON.createObjectNode().put("message", e.getMessage());
        return new Http.Response(e.status(), b, e.headers());
    }

    private static Http.Response json(Consumer<ObjectNode> fill) {
        ObjectNode n = WalletViews.JSON.createObjectNode();
        fill.accept(n);
        return Http.Response.ok(n);
    }

    // ------------------------------------------------------------------ auth

    private static String bearer(Http.Request r) {
        String h = r.header().apply("Authorization");
        if (h == null) {
            h = r.header().apply("x-jm-authorization");
        }
        if (h == null) {
            return null;
        }
        return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : h.trim();
    }

    private void checkToken(Http.Request r, boolean checkExpiry) {
        String t = bearer(r);
        if (t == null || t.isEmpty()) {
            throw ApiException.invalidToken("The access token provided is revoked, malformed, or invalid for other reasons.");
        }
        try {
            tokens.verify(t, TokenAuthority.Kind.ACCESS, checkExpiry);
        } catch (TokenAuthority.TokenException e) {
            if (e.badScope()) {
                throw ApiException.insufficientScope();
            }
            throw ApiException.invalidToken(e.expired() ? "The access token provided is expired."
                    : "The access token provided is revoked, malformed, or invalid for other reasons.");
        }
    }

    /** Verifies a WebSocket client's token (its first frame and every heartbeat). */
    public boolean validAccessToken(String token) {
        try {
            tokens.verify(token, TokenAuthority.Kind.ACCESS, true);
            return true;
        } catch (TokenAuthority.TokenException e) {
            return false;
        }
    }

    /** The unlocked wallet named in the path, after the token check; 404 none loaded, 400 another. */
    private synchronized Unlocked walletFor(Http.Request r, String apiName) {
        checkToken(r, true);
        if (unlocked == null) {
            throw ApiException.noWalletFound();
        }
        if (!unlocked.apiName.equals(apiName)) {
            throw ApiException.invalidRequest();
        }
        return unlocked;
    }

    // ------------------------------------------------------------------ bodies

    /** The JSON object body (any content type: Jam sends text/plain), or 400. */
    static ObjectNode body(Http.Request r, String... required) {
        JsonNode n;
        try {
            n = WalletViews.JSON.readTree(new String(r.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ApiException.invalidRequest();
        }
        if (!(n instanceof ObjectNode o)) {
            throw ApiException.invalidRequest();
        }
        for (String k : required) {
            if (!o.hasNonNull(k)) {
                throw ApiException.invalidRequest();
            }
        }
        return o;
    }

    /** An integer given as a JSON number or a decimal string (Jam sends both). */
    static long integer(JsonNode n) {
        if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n != null && n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalidRequest();
            }
        }
        throw ApiException.invalidRequest();
    }

    private static String text(JsonNode n) {
        if (n == null || !n.isTextual()) {
            throw ApiException.invalidRequest();
        }
        return n.asText();
    }

    /** A whole number 0..max from the path, or 400. */
    static long pathNumber(String text, long max) {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest();
        }
        if (n < 0 || n > max) {
            throw ApiException.invalidRequest();
        }
        return n;
    }

    /** {@code name.jmdat} (or bare {@code name}) to the wallet file's name; 400 for anything else. */
    static String storageName(String apiName) {
        String n = apiName.endsWith(WALLET_SUFFIX) ? apiName.substring(0, apiName.length() - WALLET_SUFFIX.length())
                : apiName;
        try {
            return WalletStorage.checkName(n);
        } catch (WalletException e) {
            throw ApiException.invalidRequest();
        }
    }

    private WalletStorage storage() {
        return WalletStorage.inDataDir(context.dataDir());
    }

    // ------------------------------------------------------------------ session, tokens, wallets

    private Http.Response session(Http.Request r) {
        boolean authed = bearer(r) != null;
        if (authed) {
            checkToken(r, true);
        }
        synchronized (this) {
            ObjectNode o = WalletViews.JSON.createObjectNode();
            o.put("session", unlocked != null);
            o.put("maker_running", coinjoinState == CJ_MAKER_RUNNING);
            o.put("coinjoin_in_process", coinjoinState == CJ_TAKER_RUNNING);
            o.set("schedule", tumble == null ? NullNode.getInstance() : TumbleReport.referenceSchedule(tumble.status()));
            o.put("wallet_name", unlocked == null ? NOT_LOADED : unlocked.apiName);
            o.set("offer_list", NullNode.getInstance());
            o.set("nickname", NullNode.getInstance());
            o.put("rescanning", rescanning || (unlocked != null && !unlocked.firstSync.isDone()));
            o.set("block_height", NullNode.getInstance());
            if (authed && unlocked != null) {
                if (unlocked.height >= 0) {
                    o.put("block_height", unlocked.height);
                }
                if (coinjoinState == CJ_MAKER_RUNNING && maker != null) {
                    ArrayNode offers = o.putArray("offer_list");
                    for (Offer off : maker.offers().offers()) {
                        offers.addObject().put("oid", off.oid()).put("ordertype", off.type().wireName())
                                .put("minsize", off.minSize().value()).put("maxsize", off.maxSize().value())
                                .put("txfee", off.txFee().value()).put("cjfee", off.cjFeeWire());
                    }
                    o.put("nickname", maker.nick().value());
                }
            }
            return Http.Response.ok(o);
        }
    }

    private Http.Response refresh(Http.Request r) {
        checkToken(r, false);
        ObjectNode b;
        try {
            b = body(r, "grant_type", "refresh_token");
        } catch (ApiException e) {
            return tokenError("invalid_request", "The request is missing a required parameter, includes an unsupported"
                    + " parameter value (other than grant type), repeats a parameter, includes multiple credentials,"
                    + " or is otherwise malformed.");
        }
        String grant = b.get("grant_type").asText();
        if (!"refresh_token".equals(grant)) {
            return tokenError("unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization server.");
        }
        try {
            tokens.verify(b.get("refresh_token").asText(), TokenAuthority.Kind.REFRESH, true);
        } catch (TokenAuthority.TokenException e) {
            if (e.expired()) {
                return tokenError("invalid_grant", "The provided refresh_token is expired.");
            }
            if (e.badScope()) {
                return tokenError("invalid_scope", "The requested scope is invalid, unknown, malformed, or exceeds the"
                        + " scope granted by the resource owner.");
            }
            return tokenError("invalid_grant",
                    "The provided refresh_token is invalid, revoked, or was issued to another client.");
        }
        synchronized (this) {
            return Http.Response.ok(tokenBody(unlocked == null ? NOT_LOADED : unlocked.apiName, null));
        }
    }

    private static Http.Response tokenError(String error, String description) {
        return Http.Response.of(400, WalletViews.JSON.createObjectNode().put("message", error)
                .put("error_description", description));
    }

    private ObjectNode tokenBody(String walletName, String seedphrase) {
        TokenAuthority.Issued t = tokens.issue();
        ObjectNode o = WalletViews.JSON.createObjectNode();
        o.put("walletname", walletName);
        if (seedphrase != null) {
            o.put("seedphrase", seedphrase);
        }
        o.put("token", t.token());
        o.put("token_type", t.tokenType());
        o.put("expires_in", t.expiresIn());
        o.put("scope", t.scope());
        o.put("refresh_token", t.refreshToken());
        return o;
    }

    private Http.Response listWallets() {
        ArrayNode a = WalletViews.JSON.createArrayNode();
        storage().list().stream().sorted().forEach(n -> a.add(n + WALLET_SUFFIX));
        ObjectNode o = WalletViews.JSON.createObjectNode();
        o.set("wallets", a);
        return Http.Response.ok(o);
    }

    private synchronized Http.Response create(Http.Request r, boolean recover) {
        if (unlocked != null) {
            throw ApiException.walletAlreadyUnlocked();
        }
        ObjectNode b = recover ? body(r, "walletname", "password", "wallettype", "seedphrase")
                : body(r, "walletname", "password", "wallettype");
        String apiName = text(b.get("walletname"));
        String name = storageName(apiName);
        WalletType type = switch (text(b.get("wallettype"))) {
            case "sw", "sw-fb" -> WalletType.P2WPKH;
            case "sw-legacy" -> WalletType.P2SH_P2WPKH;
            default -> throw ApiException.invalidRequest();
        };
        String pw = text(b.get("password"));
        if (pw.isEmpty()) {
            throw ApiException.invalidRequest();
        }
        Mnemonic mnemonic;
        if (recover) {
            try {
                mnemonic = Mnemonic.parse(text(b.get("seedphrase")).trim());
            } catch (InvalidMnemonicException | IllegalArgumentException e) {
                throw ApiException.invalidRequest();
            }
        } else {
            mnemonic = Mnemonic.generate(random, 12);
        }
        WalletStorage storage = storage();
        if (storage.exists(name)) {
            throw ApiException.walletExists();
        }
        Wallet wallet;
        try (Password password = Password.of(pw)) {
            wallet = Wallet.create(storage, name, mnemonic, Passphrase.NONE, false, password,
                    new WalletConfig(context.network(), type, WalletConfig.DEFAULT_MIXDEPTHS, context.gapLimit()),
                    context.kdf(), random, clock, recover ? 0 : Instant.now(clock).getEpochSecond() - 86_400);
        } catch (WalletInUseException e) {
            throw ApiException.lockExists();
        } catch (WalletException e) {
            throw ApiException.walletExists();
        }
        String shownName = name + WALLET_SUFFIX;
        activate(shownName, wallet, mnemonic, Passphrase.NONE);
        return Http.Response.of(201, tokenBody(shownName, mnemonic.phrase()));
    }

    private Http.Response unlock(Http.Request r, String apiName) {
        String pw = text(body(r, "password").get("password"));
        String name = storageName(apiName);
        String shownName = name + WALLET_SUFFIX;
        WalletStorage storage = storage();
        if (!storage.exists(name)) {
            throw ApiException.noWalletFound();
        }
        synchronized (this) {
            try (Password password = Password.of(pw)) {
                // the password decrypts the file: that is the authentication (and gives us the seed for getseed)
                WalletFile.Opened opened = WalletFile.open(storage.walletFile(name), password);
                if (unlocked != null && unlocked.apiName.equals(shownName)) {
                    return Http.Response.ok(tokenBody(shownName, null)); // same wallet: fresh tokens only
                }
                Wallet wallet = Wallet.open(storage, name, password, Passphrase.NONE, context.gapLimit(), clock);
                if (unlocked != null) {
                    // the reference switches wallets on a successful unlock of another; one that cannot
                    // be opened (a CLI writer holds it) leaves the current one unlocked
                    stopSubServices();
                }
                activate(shownName, wallet, opened.secrets().mnemonic(),
                        opened.secrets().storedPassphrase().orElse(Passphrase.NONE));
                return Http.Response.ok(tokenBody(shownName, null));
            } catch (WrongPasswordException e) {
                throw ApiException.invalidCredentials();
            } catch (WalletInUseException e) {
                throw ApiException.lockExists();
            } catch (WalletException e) {
                throw ApiException.noWalletFound();
            }
        }
    }

    /** Holds the wallet, scopes tokens to it and starts its first sync in the background. */
    private void activate(String apiName, Wallet wallet, Mnemonic mnemonic, Passphrase passphrase) {
        ChainBackend chain;
        try {
            chain = context.connect(wallet.name());
        } catch (RuntimeException e) {
            wallet.close();
            LOG.warn("node not reachable for wallet {}: {}", wallet.name(), e.getMessage());
            throw ApiException.backendNotReady();
        }
        Unlocked u = new Unlocked(apiName, wallet, chain, mnemonic, passphrase);
        unlocked = u;
        tokens.reset();
        tokens.addWallet(apiName);
        background.execute(() -> {
            try {
                syncOnce(u, false);
                u.firstSync.complete(null);
            } catch (RuntimeException e) {
                LOG.warn("first sync of {} failed: {}", apiName, e.getMessage());
                u.firstSync.completeExceptionally(e);
            }
        });
    }

    private Http.Response lock(Http.Request r, String apiName) {
        checkToken(r, true);
        synchronized (this) {
            if (unlocked != null && !unlocked.apiName.equals(apiName)) {
                throw ApiException.invalidRequest();
            }
            boolean already = unlocked == null;
            if (!already) {
                stopSubServices();
            }
            return json(o -> o.put("walletname", apiName).put("already_locked", already));
        }
    }

    /** Lock: tokens die, maker stops (its unsigned reservations released), the wallet closes. */
    private synchronized void stopSubServices() {
        tokens.reset();
        Unlocked u = unlocked;
        unlocked = null;
        MakerBot m = maker;
        maker = null;
        makerGeneration++;
        if (m != null) {
            m.close();
        }
        if (coinjoinState == CJ_TAKER_RUNNING) {
            cancelTaker("the wallet was locked");
        }
        if (u != null) {
            u.wallet.releaseUnsigned();
        }
        setState(CJ_NOT_RUNNING);
        if (u != null) {
            try {
                u.chain.close();
            } catch (RuntimeException e) {
                LOG.debug("closing backend: {}", e.toString());
            }
            u.wallet.close();
        }
    }

    private void setState(int state) {
        if (state != coinjoinState) {
            coinjoinState = state;
            notifier.accept(WalletViews.JSON.createObjectNode().put("coinjoin_state", state));
        }
    }

    // ------------------------------------------------------------------ wallet views

    private static void awaitFirstSync(Unlocked u) {
        try {
            u.firstSync.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.backendNotReady();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw ApiException.backendNotReady();
        }
    }

    private Http.Response display(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        awaitFirstSync(u);
        ObjectNode o = WalletViews.JSON.createObjectNode();
        o.put("walletname", apiName);
        o.set("walletinfo", WalletViews.display(u.wallet));
        return Http.Response.ok(o);
    }

    private Http.Response utxos(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        awaitFirstSync(u);
        ObjectNode o = WalletViews.JSON.createObjectNode();
        o.set("utxos", WalletViews.utxos(u.wallet, 3));
        return Http.Response.ok(o);
    }

    private Http.Response newAddress(Http.Request r, String apiName, String mixdepth) {
        Unlocked u = walletFor(r, apiName);
        int m = (int) pathNumber(mixdepth, u.wallet.mixdepths() - 1);
        String a = u.wallet.freshAddress(m, Branch.EXTERNAL).address();
        return json(o -> o.put("address", a));
    }

    private Http.Response timelockAddress(Http.Request r, String apiName, String lockdate) {
        Unlocked u = walletFor(r, apiName);
        if (!lockdate.matches("\\d{4}-\\d{2}")) {
            throw ApiException.invalidRequest();
        }
        String a;
        try {
            a = u.wallet.bondAddress(TimeNumbers.parseYearMonth(lockdate)).address();
        } catch (RuntimeException e) {
            throw ApiException.invalidRequest();
        }
        return json(o -> o.put("address", a));
    }

    private Http.Response getSeed(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        return json(o -> o.put("seedphrase", u.mnemonic.phrase()));
    }

    private Http.Response freeze(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        ObjectNode b = body(r, "utxo-string", "freeze");
        if (!b.get("freeze").isBoolean()) {
            throw ApiException.invalidRequest();
        }
        OutPoint op;
        try {
            op = OutPoint.parse(text(b.get("utxo-string")));
        } catch (ProtocolException e) {
            throw ApiException.invalidRequest();
        }
        synchronized (this) {
            if (coinjoinState != CJ_NOT_RUNNING) {
                throw ApiException.actionNotAllowed();
            }
        }
        if (b.get("freeze").asBoolean()) {
            u.wallet.freeze(op);
        } else {
            u.wallet.unfreeze(op);
        }
        return Http.Response.ok(WalletViews.JSON.createObjectNode());
    }

    private synchronized Http.Response configGet(Http.Request r, String apiName) {
        checkToken(r, true);
        if (unlocked == null || !unlocked.apiName.equals(apiName)) {
            throw ApiException.invalidRequest();
        }
        ObjectNode b = body(r, "section", "field");
        String v = config.getOrDefault(b.get("section").asText(), Map.of()).get(b.get("field").asText());
        if (v == null) {
            throw ApiException.configNotPresent();
        }
        return json(o -> o.put("configvalue", v));
    }

    private synchronized Http.Response configSet(Http.Request r, String apiName) {
        checkToken(r, true);
        if (unlocked == null || !unlocked.apiName.equals(apiName)) {
            throw ApiException.invalidRequest();
        }
        ObjectNode b = body(r, "section", "field", "value");
        JsonNode value = b.get("value");
        if (!value.isValueNode()) {
            throw ApiException.invalidRequest();
        }
        config.computeIfAbsent(b.get("section").asText(), k -> new LinkedHashMap<>())
                .put(b.get("field").asText(), value.asText());
        return Http.Response.ok(WalletViews.JSON.createObjectNode());
    }

    private Http.Response rescan(Http.Request r, String apiName, String height) {
        Unlocked u = walletFor(r, apiName);
        long h = pathNumber(height, Integer.MAX_VALUE);
        rescanning = true;
        rescanProgress = 0;
        background.execute(() -> {
            try {
                u.chain.rescan(h, f -> rescanProgress = f);
                syncOnce(u, true);
            } catch (RuntimeException e) {
                LOG.warn("rescan failed: {}", e.getMessage());
            } finally {
                rescanning = false;
            }
        });
        return json(o -> o.put("walletname", apiName));
    }

    private Http.Response rescanInfo(Http.Request r, String apiName) {
        walletFor(r, apiName);
        boolean now = rescanning;
        return json(o -> {
            o.put("walletname", apiName).put("rescanning", now);
            if (now) {
                o.put("progress", rescanProgress);
            }
        });
    }

    private Http.Response signMessage(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        ObjectNode b = body(r, "hd_path", "message");
        String path = text(b.get("hd_path"));
        String message = text(b.get("message"));
        String[] parts = path.split("/");
        String address;
        org.bitcoinj.crypto.ECKey key;
        try {
            if (parts.length != 6 || !parts[0].equals("m")) {
                throw new IllegalArgumentException();
            }
            int m = Integer.parseInt(parts[3].replace("'", ""));
            Branch branch = Branch.fromIndex(Integer.parseInt(parts[4])).filter(x -> x != Branch.BOND)
                    .orElseThrow(IllegalArgumentException::new);
            int index = Integer.parseInt(parts[5]);
            var a = u.wallet.deriveAddress(m, branch, index);
            if (!a.path().toString().equals(path)) {
                throw new IllegalArgumentException();
            }
            address = a.address();
            WalletConfig c = u.wallet.config();
            key = HdKeys.fromMnemonic(u.mnemonic, u.passphrase, c.network(), c.type()).key(m, branch, index);
        } catch (RuntimeException e) {
            return Http.Response.of(400, WalletViews.JSON.createObjectNode()
                    .put("message", "Error: not a valid path of this wallet: " + path));
        }
        String sig = key.signMessage(message);
        return json(o -> o.put("signature", sig).put("message", message).put("address", address));
    }

    private Http.Response yieldgenReport() {
        Path dir = context.dataDir().resolve("makers");
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,cj amount/satoshi,my input count,my input value/satoshi,cjfee/satoshi,earned/satoshi,"
                + "confirm time/min,notes\n");
        boolean any = false;
        try (var files = Files.isDirectory(dir) ? Files.list(dir) : java.util.stream.Stream.<Path>empty()) {
            for (Path d : files.sorted().toList()) {
                Path f = d.resolve(CoinJoinHistory.FILE_NAME);
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                any = true;
                for (Map<String, String> row : new CoinJoinHistory(f).read()) {
                    if (!"maker".equals(row.get("role"))) {
                        continue;
                    }
                    String ts = row.getOrDefault("timestamp", "");
                    try {
                        ts = YIGEN_TIME.format(Instant.parse(ts));
                    } catch (RuntimeException e) {
                        // keep the recorded text
                    }
                    String utxos = row.getOrDefault("utxos_used", "");
                    int inputs = utxos.isBlank() ? 0 : utxos.split("[;, ]+").length;
                    lines.add(String.join(",", ts, row.getOrDefault("cj_amount", ""), Integer.toString(inputs), "",
                            row.getOrDefault("fee_received", ""), row.getOrDefault("net_fee", ""), "",
                            row.getOrDefault("txid", "")) + "\n");
                }
            }
        } catch (IOException e) {
            throw new ApiException(404, "Yield generator report not available.");
        }
        if (!any) {
            throw new ApiException(404, "Yield generator report not available.");
        }
        ArrayNode a = WalletViews.JSON.createArrayNode();
        lines.forEach(a::add);
        ObjectNode o = WalletViews.JSON.createObjectNode();
        o.set("yigen_data", a);
        return Http.Response.ok(o);
    }

    // ------------------------------------------------------------------ spending

    /** The reference's tx_fees: above 1000 a rate in sat/kvB, else a confirmation target in blocks. */
    static long feeRate(ChainBackend chain, long txFees) {
        if (txFees > 1000) {
            return Math.max(1, (txFees + 999) / 1000);
        }
        return chain.estimateFeeSatPerVb((int) Math.max(1, txFees), 1, 1000);
    }

    private Http.Response directSend(Http.Request r, String apiName) {
        checkToken(r, true);
        ObjectNode b = body(r, "mixdepth", "amount_sats", "destination");
        Unlocked u = walletFor(r, apiName);
        synchronized (this) {
            if (coinjoinState != CJ_NOT_RUNNING) {
                throw ApiException.actionNotAllowed();
            }
        }
        int mixdepth = (int) integer(b.get("mixdepth"));
        long amount = integer(b.get("amount_sats"));
        String destination = text(b.get("destination"));
        long txfee = b.has("txfee") ? integer(b.get("txfee")) : Long.parseLong(
                config.getOrDefault("POLICY", Map.of()).getOrDefault("tx_fees", "3"));
        if (txfee <= 0 || amount < 0 || mixdepth < 0 || mixdepth >= u.wallet.mixdepths()) {
            throw ApiException.invalidRequest();
        }
        awaitFirstSync(u);
        SendPlan plan;
        try {
            u.wallet.parseAddress(destination);
        } catch (RuntimeException e) {
            throw ApiException.invalidRequest();
        }
        try {
            plan = u.wallet.createSend(mixdepth, destination, amount == 0 ? Optional.empty()
                    : Optional.of(Sats.of(amount)), feeRate(u.chain, txfee), 1);
        } catch (InsufficientFundsException e) {
            throw ApiException.transactionFailed();
        } catch (WalletException e) {
            throw ApiException.invalidRequest();
        }
        Transaction tx = plan.transaction();
        try {
            u.wallet.broadcast(u.chain, tx);
        } catch (ChainException | WalletException e) {
            LOG.warn("direct-send broadcast refused: {}", e.getMessage());
            throw ApiException.transactionFailed();
        }
        ObjectNode info = WalletViews.txinfo(tx, u.wallet.config().network().bitcoinj());
        notifyTx(u, tx.getTxId().toString(), info);
        ObjectNode o = WalletViews.JSON.createObjectNode();
        o.set("txinfo", info);
        return Http.Response.ok(o);
    }

    private Http.Response coinjoin(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        ObjectNode b = body(r, "mixdepth", "amount_sats", "counterparties", "destination");
        int mixdepth = (int) integer(b.get("mixdepth"));
        long amount = integer(b.get("amount_sats"));
        long counterparties = integer(b.get("counterparties"));
        String destination = text(b.get("destination"));
        Long txfee = b.has("txfee") ? integer(b.get("txfee")) : null;
        if ((txfee != null && txfee <= 0) || amount < 0 || mixdepth < 0 || mixdepth >= u.wallet.mixdepths()
                || counterparties < 1 || counterparties > 99) {
            throw ApiException.invalidRequest();
        }
        try {
            u.wallet.parseAddress(destination);
        } catch (RuntimeException e) {
            throw ApiException.invalidRequest();
        }
        DaemonContext.TakerPlan plan = context.takerPlan(u.wallet.name());
        TakerConfig cfg = withFeeLimits(plan.config());
        if (txfee != null && txfee > 1000) {
            cfg = cfg.withFixedFeeRate(txfee);
        }
        CoinJoinRequest request = new CoinJoinRequest(Sats.of(amount), mixdepth, Optional.of(destination),
                OptionalInt.of((int) counterparties));
        awaitFirstSync(u);
        synchronized (this) {
            if (coinjoinState != CJ_NOT_RUNNING) {
                throw ApiException.serviceAlreadyStarted();
            }
            setState(CJ_TAKER_RUNNING);
            takerStopRequested = false;
        }
        TakerConfig config = cfg;
        background.execute(() -> runCoinJoin(u, plan, config, request));
        return Http.Response.of(202, WalletViews.JSON.createObjectNode());
    }

    /** The reference refuses a taker without the user's own fee limits (409): Jam then asks for them. */
    private synchronized TakerConfig withFeeLimits(TakerConfig base) {
        Map<String, String> policy = config.getOrDefault("POLICY", Map.of());
        String abs = policy.get("max_cj_fee_abs");
        String rel = policy.get("max_cj_fee_rel");
        if (abs == null || rel == null) {
            throw ApiException.configNotPresent();
        }
        try {
            SelectionPolicy s = base.selection();
            FeeLimits limits = new FeeLimits(Sats.of(Long.parseLong(abs.trim())), new BigDecimal(rel.trim()),
                    s.feeLimits().rule());
            return base.withSelection(new SelectionPolicy(s.algorithm(), limits, s.bondlessAllowance(),
                    s.bondlessRequireZeroFee()));
        } catch (IllegalArgumentException e) {
            throw ApiException.configNotPresent();
        }
    }

    /** One CoinJoin on a fresh taker client; the state returns to 2 whatever happens. */
    private void runCoinJoin(Unlocked u, DaemonContext.TakerPlan plan, TakerConfig config, CoinJoinRequest request) {
        TakerClient client = null;
        try {
            FileUsedCommitmentStore used = FileUsedCommitmentStore.open(plan.usedCommitments());
            u.wallet.sync(u.chain);
            client = new TakerClient(plan.client(), new WalletTakerAdapter(u.wallet), u.chain, used, runtime(),
                    random, clock);
            synchronized (this) {
                if (takerStopRequested || unlocked != u) {
                    return;
                }
                taker = client;
            }
            client.start().get();
            CoinJoinHandle h;
            synchronized (this) {
                if (takerStopRequested || unlocked != u) {
                    return;
                }
                h = client.coinJoin(request, config, (phase, line) -> LOG.info("coinjoin: {}", line));
                takerRun = h;
            }
            CoinJoinReport report = h.result().get();
            LOG.info("coinjoin {}: {}", report.success() ? "done" : "failed",
                    report.success() ? report.txid().map(Object::toString).orElse("") : report.failure().orElse(""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | IOException | RuntimeException e) {
            LOG.warn("coinjoin did not run: {}", (e.getCause() == null ? e : e.getCause()).getMessage());
        } finally {
            if (client != null) {
                client.stop().orTimeout(20, TimeUnit.SECONDS).exceptionally(x -> null).join();
            }
            finishTaker(u);
        }
    }

    private void finishTaker(Unlocked u) {
        synchronized (this) {
            taker = null;
            takerRun = null;
            if (unlocked == u && coinjoinState == CJ_TAKER_RUNNING) {
                u.wallet.releaseUnsigned();
                setState(CJ_NOT_RUNNING);
            }
        }
        if (unlocked == u) {
            try {
                syncOnce(u, true); // our CoinJoin's outputs reach the WebSocket as a txid message
            } catch (RuntimeException e) {
                LOG.debug("sync after coinjoin: {}", e.toString());
            }
        }
    }

    private Http.Response stopTaker(Http.Request r, String apiName) {
        walletFor(r, apiName);
        synchronized (this) {
            if (coinjoinState != CJ_TAKER_RUNNING) {
                throw ApiException.serviceNotStarted();
            }
            cancelTaker("stopped by the user");
        }
        return Http.Response.of(202, WalletViews.JSON.createObjectNode());
    }

    private synchronized void cancelTaker(String reason) {
        takerStopRequested = true;
        if (tumble != null) {
            TumbleRun t = tumble;
            background.execute(() -> {
                try {
                    t.stop(TUMBLE_STOP_WAIT); // its state file stays: restart continues it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.TimeoutException e) {
                    LOG.warn("the tumble did not stop within {} s", TUMBLE_STOP_WAIT.toSeconds());
                }
            });
        }
        if (takerRun != null) {
            takerRun.cancel(reason);
        } else if (taker != null) {
            taker.stop(reason);
        }
    }

    // ------------------------------------------------------------------ tumbler (schedules)

    /**
     * The reference's {@code POST taker/schedule}: plans a tumble of the unlocked wallet to the
     * destinations (or continues its unfinished one with {@code restart}), saves it in the same
     * state file as {@code jm tumbler} ({@code <data>/tumbler/<wallet>.json}, so {@code jm tumbler
     * resume} can continue it too) and runs it in the background through jm-tumbler, a fresh
     * {@link TakerClient} per CoinJoin. 202 with the schedule as lists.
     */
    private Http.Response startSchedule(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        ScheduleRequest req = ScheduleRequest.parse(body(r, "destination_addresses"), a -> validAddress(u, a));
        TumbleState state = launchTumble(u, req.parameters(),
                store -> req.restart() ? unfinished(store) : newTumble(u, req.destinations(), req.parameters()));
        ObjectNode o = WalletViews.JSON.createObjectNode();
        o.set("schedule", TumbleReport.referenceSchedule(state));
        return Http.Response.of(202, o);
    }

    /**
     * Runs a tumble of the unlocked wallet in the background (401 if a CoinJoin, tumble or maker
     * runs): {@code stateFor} gives its state, which is saved before the first CoinJoin.
     */
    private TumbleState launchTumble(Unlocked u, TumbleParameters p,
            java.util.function.Function<TumbleStateStore, TumbleState> stateFor) {
        DaemonContext.TakerPlan plan = context.takerPlan(u.wallet.name());
        TakerConfig cfg = withFeeLimits(plan.config());
        FileUsedCommitmentStore used;
        try {
            used = FileUsedCommitmentStore.open(plan.usedCommitments());
        } catch (IOException e) {
            throw new ApiException(500, "Internal error: " + e.getMessage());
        }
        awaitFirstSync(u);
        TumbleStateStore store = tumbleStore(u);
        synchronized (this) {
            if (coinjoinState != CJ_NOT_RUNNING) {
                throw ApiException.serviceAlreadyStarted();
            }
            TumbleState state = stateFor.apply(store);
            store.save(state); // on disk before the first CoinJoin
            TakerClientCoinJoins port = new TakerClientCoinJoins(() -> new TakerClient(plan.client(),
                    new WalletTakerAdapter(u.wallet), u.chain, used, runtime(), random, clock), u.wallet, u.chain, cfg,
                    line -> LOG.info("tumbler: {}", line));
            TumbleExecutor executor = new TumbleExecutor(store, state, port, Waits.system(clock),
                    new TumbleExecutor.Settings(p.minCjAmountSats(), Duration.ofSeconds(p.liquidityWaitSeconds()), 10,
                            pollInterval, cfg.minimumMakers(), 3), line -> LOG.info("tumbler: {}", line));
            takerStopRequested = false;
            TumbleRun run = TumbleRun.start(executor, u.wallet.name());
            tumble = run;
            tumbleEnds.remove(u.wallet.name());
            setState(CJ_TAKER_RUNNING);
            run.result().whenCompleteAsync((result, err) -> endTumble(u, run, result), background);
            return state;
        }
    }

    private TumbleStateStore tumbleStore(Unlocked u) {
        return new TumbleStateStore(TumbleStateStore.fileFor(context.dataDir(), u.wallet.name()));
    }

    private static boolean validAddress(Unlocked u, String address) {
        try {
            u.wallet.parseAddress(address);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private TumbleState newTumble(Unlocked u, List<String> destinations, TumbleParameters parameters) {
        Map<Integer, Long> balances = new java.util.TreeMap<>();
        u.wallet.balances().forEach(b -> balances.put(b.mixdepth(), b.total().value()));
        try {
            List<ScheduleEntry> plan = new PlanGenerator(parameters, new SecureRandom())
                    .generate(destinations, balances, u.wallet.mixdepths());
            return new TumbleState(u.wallet.name(), Instant.now(clock), destinations,
                    plan.stream().map(StepState::planned).toList(), Optional.empty());
        } catch (PlanException e) {
            throw new ApiException(400, "Invalid request format: " + e.getMessage());
        }
    }

    private static TumbleState unfinished(TumbleStateStore store) {
        try {
            if (store.exists()) {
                TumbleState s = store.load();
                if (!s.finished()) {
                    return s;
                }
            }
        } catch (IOException e) {
            throw new ApiException(409, "The saved schedule cannot be read: " + e.getMessage());
        }
        throw ApiException.notFound("No unfinished schedule to restart.");
    }

    private void endTumble(Unlocked u, TumbleRun run, TumbleRun.Result result) {
        if (result != null) {
            LOG.info("tumble {}{}", result.end().name().toLowerCase(java.util.Locale.ROOT),
                    result.reason().map(x -> ": " + x).orElse(""));
        }
        synchronized (this) {
            if (tumble != run) {
                return;
            }
            tumble = null;
            if (result != null) {
                tumbleEnds.put(u.wallet.name(), result.end());
            }
        }
        finishTaker(u);
    }

    /** The reference's {@code GET taker/schedule}: the running tumble's schedule, 404 when none runs. */
    private Http.Response schedule(Http.Request r, String apiName) {
        walletFor(r, apiName);
        TumbleRun t;
        synchronized (this) {
            t = tumble;
        }
        if (t == null) {
            throw ApiException.notFound("No schedule is running.");
        }
        ObjectNode o = WalletViews.JSON.createObjectNode();
        o.set("schedule", TumbleReport.referenceSchedule(t.status()));
        return Http.Response.ok(o);
    }

    // ------------------------------------------------------------------ NG's /tumbler/*

    /**
     * NG's {@code POST tumbler/plan}: plans a tumble to {@code destinations} (with the optional
     * {@code parameters}, the reference tumbler's option names as NG accepts them) and saves it as
     * pending in the state file {@code jm tumbler} reads. 401 while a tumble runs; 400 over a
     * pending plan unless {@code force}; 201 with the plan.
     */
    private Http.Response tumblerPlan(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        ObjectNode b = body(r, "destinations");
        ScheduleRequest req = ScheduleRequest.parse(b, "destinations", "parameters", a -> validAddress(u, a));
        boolean force = b.path("force").asBoolean(false);
        awaitFirstSync(u);
        TumbleStateStore store = tumbleStore(u);
        synchronized (this) {
            if (tumble != null) {
                throw new ApiException(401, "A tumbler is already running; stop it first.");
            }
            TumbleState old = loadPlan(store);
            if (old != null && ngStatus(old).equals("pending") && !force) {
                throw new ApiException(400, "A pending plan already exists; pass force=true to overwrite it.");
            }
            TumbleState state = newTumble(u, req.destinations(), req.parameters());
            store.save(state);
            tumbleEnds.remove(u.wallet.name());
            planParameters.put(u.wallet.name(), req.parameters());
            return Http.Response.of(201, TumblerPlanView.json(u.apiName, state, "pending", Instant.now(clock)));
        }
    }

    /** NG's {@code GET tumbler/status}: the running tumble, else the saved plan; 404 when there is none. */
    private Http.Response tumblerStatus(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        TumbleStateStore store = tumbleStore(u);
        synchronized (this) {
            TumbleState s = tumble != null ? tumble.status() : loadPlan(store);
            if (s == null) {
                throw ApiException.notFound("No tumbler plan exists for this wallet.");
            }
            return Http.Response.ok(TumblerPlanView.json(u.apiName, s, ngStatus(s), updated(store)));
        }
    }

    /** NG's {@code POST tumbler/start}: runs the pending plan; 404 without one, 400 when it ended, 401 running. */
    private Http.Response tumblerStart(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        String wallet = u.wallet.name();
        launchTumble(u, planParameters.getOrDefault(wallet, TumbleParameters.defaults()), store -> {
            TumbleState s = loadPlan(store);
            if (s == null) {
                throw ApiException.notFound("No tumbler plan exists for this wallet; create one first.");
            }
            String status = ngStatus(s);
            if (!status.equals("pending")) {
                throw new ApiException(400, "Plan is in terminal state " + status + "; create a new plan.");
            }
            return s;
        });
        return Http.Response.of(202, WalletViews.JSON.createObjectNode());
    }

    /** NG's {@code POST tumbler/stop}: stops the running tumble in the background (it ends cancelled). */
    private Http.Response tumblerStop(Http.Request r, String apiName) {
        walletFor(r, apiName);
        synchronized (this) {
            if (tumble == null) {
                throw new ApiException(401, "No tumbler is running for this wallet.");
            }
            cancelTaker("stopped by the user");
        }
        return Http.Response.of(202, WalletViews.JSON.createObjectNode());
    }

    /** NG's {@code DELETE tumbler/plan}: removes a plan that is not running; 204, 404 without one. */
    private Http.Response tumblerDelete(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        TumbleStateStore store = tumbleStore(u);
        synchronized (this) {
            if (tumble != null) {
                throw new ApiException(400, "A tumbler is running; stop it before deleting the plan.");
            }
            try {
                if (!java.nio.file.Files.deleteIfExists(store.file())) {
                    throw ApiException.notFound("No tumbler plan exists for this wallet.");
                }
            } catch (IOException e) {
                throw new ApiException(500, "Internal error: " + e.getMessage());
            }
            tumbleEnds.remove(u.wallet.name());
            planParameters.remove(u.wallet.name());
        }
        return new Http.Response(204, null, Map.of());
    }

    /** The saved plan, null when there is none; 400 when it cannot be read (NG: a corrupt plan). */
    private static TumbleState loadPlan(TumbleStateStore store) {
        if (!store.exists()) {
            return null;
        }
        try {
            return store.load();
        } catch (IOException e) {
            throw new ApiException(400, "Tumbler plan is corrupt: " + e.getMessage());
        }
    }

    /**
     * NG's plan status: running while this daemon runs it; completed when every step is
     * confirmed; cancelled or failed after a stopped or failed run here; pending otherwise (a plan
     * saved by {@code jm tumbler} or a stopped one after a daemon restart can be started again).
     */
    private synchronized String ngStatus(TumbleState s) {
        if (tumble != null && s.wallet().equals(tumble.status().wallet())) {
            return "running";
        }
        if (s.finished()) {
            return "completed";
        }
        TumbleRun.End end = tumbleEnds.get(s.wallet());
        if (end == null) {
            return "pending";
        }
        return switch (end) {
            case STOPPED -> "cancelled";
            case STEP_FAILED, ERROR -> "failed";
            case FINISHED -> "completed";
        };
    }

    private static Instant updated(TumbleStateStore store) {
        try {
            return java.nio.file.Files.getLastModifiedTime(store.file()).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    // ------------------------------------------------------------------ maker

    private Http.Response startMaker(Http.Request r, String apiName) {
        checkToken(r, true);
        ObjectNode b = body(r, "txfee", "cjfee_a", "cjfee_r", "ordertype", "minsize");
        Unlocked u = walletFor(r, apiName);
        long txfee = integer(b.get("txfee"));
        long cjfeeA = integer(b.get("cjfee_a"));
        long minsize = integer(b.get("minsize"));
        BigDecimal cjfeeR;
        try {
            cjfeeR = new BigDecimal(b.get("cjfee_r").asText().trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest();
        }
        String ot = text(b.get("ordertype"));
        OfferType type = OfferType.fromWireName(ot)
                .or(() -> OfferType.fromWireName("sw0" + ot))
                .orElseThrow(ApiException::invalidRequest);
        DaemonContext.MakerPlan plan = context.makerPlan(u.wallet.name());
        MakerSettings settings;
        try {
            settings = plan.settings().withOffers(plan.settings().offers().withOrderType(type)
                    .withFees(cjfeeR, cjfeeA, txfee).withMinSize(minsize));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest();
        }
        awaitFirstSync(u);
        if (!hasConfirmedCoins(u)) {
            syncOnce(u, true); // a block may have confirmed them since the last re-sync
            if (!hasConfirmedCoins(u)) {
                throw ApiException.notEnoughCoinsForMaker();
            }
        }
        long generation;
        synchronized (this) {
            if (coinjoinState != CJ_NOT_RUNNING) {
                throw ApiException.serviceAlreadyStarted();
            }
            setState(CJ_MAKER_RUNNING);
            generation = ++makerGeneration;
        }
        CompletableFuture<MakerBot> starting = MakerBot.start(
                new MakerBot.Options(plan.channel(), plan.serving(), Duration.ofSeconds(1), Duration.ofSeconds(60)),
                settings, new WalletMakerAdapter(u.wallet, u.chain, plan.merge(), random),
                new ChainMakerAdapter(u.chain), runtime(), plan.dataDir(),
                new WalletBondProofs(u.wallet, u.chain, random), clock, random);
        starting.whenComplete((bot, err) -> {
            synchronized (this) {
                if (err != null) {
                    LOG.warn("maker did not start: {}", err.getMessage());
                    if (makerGeneration == generation) {
                        setState(CJ_NOT_RUNNING);
                    }
                } else if (makerGeneration == generation && unlocked == u) {
                    maker = bot;
                } else {
                    bot.close(); // stopped or locked while starting
                }
            }
        });
        return Http.Response.of(202, WalletViews.JSON.createObjectNode());
    }

    private static boolean hasConfirmedCoins(Unlocked u) {
        return u.wallet.coins().stream()
                .anyMatch(c -> c.kind() == WalletCoin.Kind.STANDARD && c.confirmations() >= 1 && !c.frozen());
    }

    private Http.Response stopMaker(Http.Request r, String apiName) {
        Unlocked u = walletFor(r, apiName);
        MakerBot m;
        synchronized (this) {
            if (coinjoinState != CJ_MAKER_RUNNING) {
                throw ApiException.serviceNotStarted();
            }
            m = maker;
            maker = null;
            makerGeneration++;
        }
        background.execute(() -> {
            if (m != null) {
                m.close();
            }
            u.wallet.releaseUnsigned();
            synchronized (this) {
                if (coinjoinState == CJ_MAKER_RUNNING) {
                    setState(CJ_NOT_RUNNING);
                }
            }
        });
        return Http.Response.of(202, WalletViews.JSON.createObjectNode());
    }

    /** The maker currently running, if any (tests, status). */
    public synchronized Optional<MakerBot> maker() {
        return Optional.ofNullable(maker);
    }

    /** Whether a taker CoinJoin session is under way (past its client's start), for tests. */
    synchronized boolean takerSessionRunning() {
        return takerRun != null;
    }

    private synchronized NetRuntime runtime() {
        if (runtime == null) {
            runtime = NetRuntime.create(0, "jm-daemon");
        }
        return runtime;
    }

    // ------------------------------------------------------------------ orderbook

    private Http.Response orderbook() {
        var source = context.orderbook().orElseThrow(() -> new ApiException(503, "Orderbook watcher not running."));
        return Http.Response.ok(OrderbookJson.of(source.snapshot()));
    }

    private Http.Response refreshOrderbook() {
        var source = context.orderbook().orElseThrow(() -> new ApiException(503, "Orderbook watcher not running."));
        boolean sent = source.refresh();
        return json(o -> o.put("refreshed", sent));
    }

    // ------------------------------------------------------------------ background sync

    private void poll() {
        Unlocked u;
        synchronized (this) {
            u = unlocked;
        }
        if (u == null || !u.firstSync.isDone() || rescanning) {
            return;
        }
        try {
            syncOnce(u, true);
        } catch (RuntimeException e) {
            LOG.debug("sync of {} failed: {}", u.apiName, e.toString());
        }
    }

    /** Syncs the wallet; with {@code announce}, every transaction bringing a new coin goes to the WebSocket. */
    private void syncOnce(Unlocked u, boolean announce) {
        u.height = u.chain.tipHeight();
        SyncReport report = u.wallet.sync(u.chain);
        if (!announce) {
            report.newCoins().forEach(op -> u.notified.add(op.txid().toString()));
            return;
        }
        for (OutPoint op : report.newCoins()) {
            String txid = op.txid().toString();
            u.chain.getRawTransaction(op.txid()).ifPresent(raw -> {
                Transaction tx = Transaction.read(java.nio.ByteBuffer.wrap(raw));
                notifyTx(u, txid, WalletViews.txinfo(tx, u.wallet.config().network().bitcoinj()));
            });
        }
    }

    private void notifyTx(Unlocked u, String txid, ObjectNode details) {
        synchronized (u.notified) {
            if (!u.notified.add(txid)) {
                return;
            }
        }
        ObjectNode msg = WalletViews.JSON.createObjectNode();
        msg.put("txid", txid);
        msg.set("txdetails", details);
        notifier.accept(msg);
    }

    /** Shutdown: locks the wallet (maker stopped, reservations released), stops background work. */
    @Override
    public void close() {
        synchronized (this) {
            stopSubServices();
        }
        monitor.shutdownNow();
        background.shutdownNow();
        NetRuntime rt;
        synchronized (this) {
            rt = runtime;
            runtime = null;
        }
        if (rt != null) {
            rt.close();
        }
    }

    @Override
    public String toString() {
        return "WalletDaemon[" + (unlocked == null ? "locked" : unlocked.apiName) + "]";
    }
}
