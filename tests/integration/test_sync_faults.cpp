// Fault tests against a real PostgreSQL: the daemon killed with SIGKILL, the
// connection cut mid-batch (through a proxy), the central stopped and started
// again, a device clock an hour off, a row that commits late. After each:
// nothing lost, nothing duplicated, and a log line that says what happened.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// `openhouse sync ...` as a child process, its output appended to `logPath`.
pid_t spawnDaemon(const std::vector<std::string>& args, const std::string& logPath) {
    pid_t pid = ::fork();
    if (pid == 0) {
        int fd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        std::vector<char*> argv;
        std::string cli = OPENHOUSE_CLI_PATH;
        argv.push_back(cli.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(cli.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}

int waitExit(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A loopback TCP proxy that can cut connections: after N bytes towards the
// server, or at the first answer once M bytes went up (the request was
// complete: the server commits, the client never hears back).
class CuttingProxy {
  public:
    explicit CuttingProxy(int targetPort) : target_(targetPort) {
        listen_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        ::setsockopt(listen_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listen_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(listen_, 16);
        socklen_t len = sizeof addr;
        ::getsockname(listen_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { acceptLoop(); });
    }
    ~CuttingProxy() {
        stop_ = true;
        ::shutdown(listen_, SHUT_RDWR);
        ::close(listen_);
        thread_.join();
        for (auto& t : pumps_) t.join();
    }
    int port() const { return port_; }
    void cutUpstreamAfter(long long bytes) { cutUp_ = bytes; }
    void cutAnswerAfterUpstream(long long bytes) { cutDownAfterUp_ = bytes; }
    void heal() {
        cutUp_ = -1;
        cutDownAfterUp_ = -1;
    }
    int cuts() const { return cuts_; }

  private:
    void acceptLoop() {
        while (!stop_) {
            int client = ::accept4(listen_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) return;
            int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            addr.sin_port = htons(static_cast<std::uint16_t>(target_));
            if (::connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
                ::close(client);
                ::close(server);
                continue;
            }
            std::lock_guard lock(mutex_);
            pumps_.emplace_back([this, client, server] { pump(client, server); });
        }
    }

    void pump(int client, int server) {
        long long up = 0;
        char buf[16384];
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        bool open = true;
        while (open && !stop_) {
            if (::poll(fds, 2, 100) <= 0) continue;
            for (int i = 0; i < 2 && open; ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
                if (n <= 0) {
                    open = false;
                    break;
                }
                if (i == 0) {
                    long long limit = cutUp_;
                    if (limit >= 0 && up + n > limit) {
                        // Forward part of it, then cut: the server sees half a request.
                        auto part = static_cast<std::size_t>(std::max(0LL, limit - up));
                        if (part > 0) (void)::write(server, buf, part);
                        ++cuts_;
                        open = false;
                        break;
                    }
                    up += n;
                    (void)::write(server, buf, static_cast<std::size_t>(n));
                } else {
                    long long after = cutDownAfterUp_;
                    if (after >= 0 && up >= after) {
                        ++cuts_;
                        cutDownAfterUp_ = -1;  // once
                        open = false;
                        break;
                    }
                    (void)::write(client, buf, static_cast<std::size_t>(n));
                }
            }
        }
        ::shutdown(client, SHUT_RDWR);
        ::shutdown(server, SHUT_RDWR);
        ::close(client);
        ::close(server);
    }

    int target_;
    int listen_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<long long> cutUp_{-1};
    std::atomic<long long> cutDownAfterUp_{-1};
    std::atomic<int> cuts_{0};
    std::mutex mutex_;
    std::thread thread_;
    std::vector<std::thread> pumps_;
};

int portOf(const std::string& url) {
    auto at = url.find('@');
    auto colon = url.find(':', at == std::string::npos ? url.find("://") + 3 : at);
    return std::stoi(url.substr(colon + 1));
}

std::string withPort(const std::string& url, int port) {
    auto at = url.find('@');
    auto colon = url.find(':', at == std::string::npos ? url.find("://") + 3 : at);
    auto slash = url.find('/', colon);
    return url.substr(0, colon + 1) + std::to_string(port) + url.substr(slash);
}

class SyncFaults : public testing::Test {
  protected:
    void SetUp() override {
        OH_REQUIRE_PG();
        pg_ = std::make_unique<ScratchPg>();
        central_ = openCentralRecord(pg_->url());
    }

    void seed(int people) { seed_ = seedCentral(*central_, dir_.file("admin.db"), people); }

    // Nothing lost, nothing doubled: each of the device's outbox entries was
    // applied exactly once, and the central holds exactly its check-ins.
    void expectExactlyOnce(Store& device, long long checkins) {
        const std::string& url = pg_->url();
        auto total = device.db().prepare("SELECT count(*) FROM outbox");
        total.step();
        EXPECT_EQ(device.outboxBacklog(), 0);
        EXPECT_EQ(scalar(url, "SELECT count(*) FROM applied_keys WHERE device_id = $1::uuid",
                         {device.deviceId()}),
                  total.int64(0));
        EXPECT_EQ(scalar(url,
                         "SELECT count(*) FROM change_log WHERE device_id = $1::uuid "
                         "AND kind <> 'device.register'",
                         {device.deviceId()}),
                  total.int64(0));
        EXPECT_EQ(scalar(url, "SELECT count(*) FROM checkins WHERE device_id = $1::uuid",
                         {device.deviceId()}),
                  checkins);
    }

    TempDir dir_;
    std::unique_ptr<ScratchPg> pg_;
    std::unique_ptr<CentralRecord> central_;
    Seed seed_;
};

TEST_F(SyncFaults, DaemonKilledWithSigkillAtRandomPointsLosesAndDoublesNothing) {
    constexpr int kRounds = 120;
    constexpr int kPerRound = 10;
    seed(kRounds * kPerRound + 600);
    // Another kiosk's check-ins are in the feed, so kills land in pulls too.
    auto other = openDevice(dir_.file("other.db"), seed_, "other");
    SyncEngine(*other, *central_, {}, [](const std::string&) {}).syncOnce();
    sql::Transaction otherTx(other->db());
    for (int i = 0; i < 600; ++i)
        other->recordCheckIn(seed_.event.id,
                             seed_.attendees[static_cast<std::size_t>(kRounds * kPerRound + i)],
                             "qr", i);
    otherTx.commit();
    SyncEngine(*other, *central_, {}, [](const std::string&) {}).syncOnce();

    auto path = dir_.file("kiosk.db");
    auto log = dir_.file("daemon.log");
    auto kiosk = openDevice(path, seed_, "kiosk");
    SyncEngine(*kiosk, *central_, {}, [](const std::string&) {}).syncOnce();  // the roster
    std::mt19937 rng(20261126);
    std::uniform_int_distribution<int> delay(5, 140);
    int next = 0;
    for (int round = 0; round < kRounds; ++round) {
        // The kiosk keeps checking people in while the daemon dies and restarts.
        for (int i = 0; i < kPerRound; ++i, ++next)
            kiosk->recordCheckIn(seed_.event.id, seed_.attendees[static_cast<std::size_t>(next)],
                                 "qr", 100000 + next);
        pid_t pid = spawnDaemon(
            {"sync", "--store", path, "--central", pg_->url(), "--batch", "4", "--page", "25"},
            log);
        // Every tenth round first lets the daemon get going (a slow start, as under
        // the sanitizers, would otherwise see every kill land before its first sync).
        if (round % 10 == 9) {
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (readFile(log).find("syncing with") == std::string::npos &&
                   std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delay(rng)));
        ::kill(pid, SIGKILL);
        EXPECT_EQ(waitExit(pid), 128 + SIGKILL);
    }
    // A last clean run finishes whatever the kills left.
    pid_t pid = spawnDaemon({"sync", "--once", "--store", path, "--central", pg_->url()}, log);
    ASSERT_EQ(waitExit(pid), 0) << readFile(log);

    expectExactlyOnce(*kiosk, kRounds * kPerRound);
    // The kiosk pulled the other kiosk's 600 check-ins exactly once each.
    EXPECT_EQ(kiosk->countCheckIns(seed_.event.id), kRounds * kPerRound + 600);
    auto rows = kiosk->db().prepare("SELECT count(*) FROM checkins WHERE device_id = ?");
    rows.bindAll(other->deviceId());
    rows.step();
    EXPECT_EQ(rows.int64(0), 600);
    EXPECT_EQ(sorted(kiosk->digest(seed_.event.id)), sorted(central_->digest(seed_.event.id)));
    std::string text = readFile(log);
    EXPECT_NE(text.find("syncing with"), std::string::npos);
    EXPECT_NE(text.find("synced device"), std::string::npos) << text.substr(text.size() - 2000);
}

TEST_F(SyncFaults, ConnectionCutMidBatchAppliesWholeBatchesOnlyAndRetriesWithoutDoubles) {
    seed(3000);
    CuttingProxy proxy(portOf(pg_->url()));
    auto viaProxy = openCentralRecord(withPort(pg_->url(), proxy.port()));
    auto kiosk = openDevice(dir_.file("kiosk.db"), seed_, "kiosk");
    std::vector<std::string> log;
    SyncOptions options;
    options.pushBatch = 1000;  // the cuts below fall half-way through a batch of this size
    SyncEngine engine(*kiosk, *viaProxy, options, [&](const std::string& l) { log.push_back(l); });
    engine.syncOnce();  // the roster
    {
        sql::Transaction tx(kiosk->db());
        for (int i = 0; i < 3000; ++i)
            kiosk->recordCheckIn(seed_.event.id, seed_.attendees[static_cast<std::size_t>(i)], "qr",
                                 i);
        tx.commit();
    }

    // 1. Cut half-way through the first batch's request: nothing of it applies.
    proxy.cutUpstreamAfter(120 * 1000);
    EXPECT_THROW(engine.syncOnce(), CentralError);
    long long applied =
        scalar(pg_->url(), "SELECT count(*) FROM checkins WHERE device_id = $1::uuid",
               {kiosk->deviceId()});
    EXPECT_EQ(applied % 1000, 0) << "a batch must apply whole or not at all";
    EXPECT_EQ(kiosk->outboxBacklog(), 3000 - applied);

    // 2. The request gets through, the answer is lost: committed, not marked sent.
    proxy.heal();
    proxy.cutAnswerAfterUpstream(120 * 1000);
    EXPECT_THROW(engine.syncOnce(), CentralError);
    long long afterCut =
        scalar(pg_->url(), "SELECT count(*) FROM checkins WHERE device_id = $1::uuid",
               {kiosk->deviceId()});
    EXPECT_EQ(afterCut, applied + 1000);
    EXPECT_EQ(kiosk->outboxBacklog(), 3000 - applied);  // the device does not know yet

    // 3. Healed: the resent batch comes back as duplicates, the rest applies.
    proxy.heal();
    auto report = engine.syncOnce();
    EXPECT_EQ(report.duplicates, 1000);
    EXPECT_EQ(report.pushed, 3000 - afterCut);
    EXPECT_EQ(proxy.cuts(), 2);
    expectExactlyOnce(*kiosk, 3000);
    bool logged = false;
    for (const auto& l : log)
        logged |= l.find("connection lost") != std::string::npos ||
                  l.find("central") != std::string::npos;
    EXPECT_TRUE(logged);
}

TEST_F(SyncFaults, ADeviceClockAnHourOffLosesNothingAndSaysSo) {
    seed(40);
    std::int64_t hour = 3600 * 1000;
    auto ahead = openDevice(dir_.file("ahead.db"), seed_, "ahead");
    auto behind = openDevice(dir_.file("behind.db"), seed_, "behind");
    auto right = openDevice(dir_.file("right.db"), seed_, "right");
    std::vector<std::string> aheadLog, behindLog;
    SyncEngine aheadSync(*ahead, *central_, {},
                         [&](const std::string& l) { aheadLog.push_back(l); });
    SyncEngine behindSync(*behind, *central_, {},
                          [&](const std::string& l) { behindLog.push_back(l); });
    SyncEngine rightSync(*right, *central_, {}, [](const std::string&) {});
    aheadSync.syncOnce();
    behindSync.syncOnce();
    rightSync.syncOnce();
    ahead->clock().setPhysical([hour] { return nowMillis() + hour; });
    behind->clock().setPhysical([hour] { return nowMillis() - hour; });

    auto score = [&](Store& s, int judge, int demo, double total) {
        Score r;
        r.eventId = seed_.event.id;
        r.judgeId = seed_.judges[static_cast<std::size_t>(judge)];
        r.showcaseId = seed_.showcases[static_cast<std::size_t>(demo)];
        r.total = total;
        return s.recordScore(r);
    };
    for (int i = 0; i < 10; ++i) {
        ahead->recordCheckIn(seed_.event.id, seed_.attendees[static_cast<std::size_t>(i)], "qr",
                             nowMillis() + hour);
        behind->recordCheckIn(seed_.event.id, seed_.attendees[static_cast<std::size_t>(i + 10)],
                              "qr", nowMillis() - hour);
    }
    score(*ahead, 0, 0, 1.0);
    score(*ahead, 0, 1, 1.0);
    score(*behind, 1, 0, 2.0);
    score(*behind, 1, 1, 2.0);
    score(*right, 1, 0, 3.0);  // later in real time, earlier than nothing: wins over behind's

    // Ahead: the check-ins go, the scores are refused and stay in the outbox.
    auto r1 = aheadSync.syncOnce();
    EXPECT_EQ(r1.pushed, 10);
    EXPECT_EQ(r1.refused, 2);
    EXPECT_EQ(ahead->outboxBacklog(), 2);
    auto again = aheadSync.syncOnce();  // a retry doubles nothing
    EXPECT_EQ(again.pushed + again.duplicates, 0);
    EXPECT_EQ(again.refused, 2);
    // Behind: everything is accepted; the log says the clock is off.
    auto r2 = behindSync.syncOnce();
    EXPECT_EQ(r2.pushed, 12);
    EXPECT_EQ(r2.refused, 0);
    rightSync.syncOnce();
    behindSync.syncOnce();  // pulls right's score: its clock moves past it
    // A later re-score on the slow device is ordered after what it has seen.
    score(*behind, 1, 0, 4.0);
    behindSync.syncOnce();
    rightSync.syncOnce();
    aheadSync.syncOnce();

    const std::string& url = pg_->url();
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM checkins"), 20);
    EXPECT_EQ(scalar(url, "SELECT count(*) FROM scores"), 2);  // behind's two; ahead's refused
    EXPECT_EQ(right->score(seed_.judges[1], seed_.showcases[0])->total, 4.0);
    EXPECT_EQ(right->score(seed_.judges[1], seed_.showcases[1])->total, 2.0);
    EXPECT_EQ(sorted(right->digest(seed_.event.id)), sorted(central_->digest(seed_.event.id)));
    EXPECT_EQ(sorted(behind->digest(seed_.event.id)), sorted(central_->digest(seed_.event.id)));
    auto contains = [](const std::vector<std::string>& lines, const std::string& what) {
        for (const auto& l : lines)
            if (l.find(what) != std::string::npos) return true;
        return false;
    };
    EXPECT_TRUE(contains(aheadLog, "device clock is 3600 s ahead of the central"));
    EXPECT_TRUE(contains(aheadLog, "refused 2 entries"));
    EXPECT_TRUE(contains(behindLog, "device clock is 3600 s behind the central"));
}

TEST_F(SyncFaults, APullNeverSkipsARowThatCommitsLate) {
    seed(10);
    auto early = openDevice(dir_.file("early.db"), seed_, "early");
    auto late = openDevice(dir_.file("late.db"), seed_, "late");
    auto reader = openDevice(dir_.file("reader.db"), seed_, "reader");
    for (auto* d : {early.get(), late.get(), reader.get()})
        SyncEngine(*d, *central_, {}, [](const std::string&) {}).syncOnce();
    late->recordCheckIn(seed_.event.id, seed_.attendees[0], "qr", 1);
    early->recordCheckIn(seed_.event.id, seed_.attendees[1], "qr", 2);

    // The late device's batch starts first (lower xid) and commits last.
    pgtools::Session slow(pg_->url());
    slow.query("BEGIN");
    nlohmann::json batch = nlohmann::json::array();
    for (const auto& e : late->pendingOutbox(10))
        batch.push_back({{"k", e.idemKey}, {"t", e.kind}, {"p", e.payload}});
    auto answer = slow.query("SELECT statuses FROM oh_push($1::uuid, $2, 300000)",
                             {late->deviceId(), batch.dump()});
    ASSERT_EQ(answer.at(0).at(0), "a");
    SyncEngine(*early, *central_, {}, [](const std::string&) {}).syncOnce();

    SyncEngine readerSync(*reader, *central_, {}, [](const std::string&) {});
    readerSync.syncOnce();
    EXPECT_EQ(reader->countCheckIns(seed_.event.id), 0)
        << "the early commit sits above the open transaction's xid: not visible yet";
    slow.query("COMMIT");
    late->markSent({late->pendingOutbox(10).at(0).seq}, nowMillis());
    readerSync.syncOnce();
    EXPECT_EQ(reader->countCheckIns(seed_.event.id), 2);
    EXPECT_EQ(sorted(reader->digest(seed_.event.id)), sorted(central_->digest(seed_.event.id)));
}

// A throw-away cluster of its own, so that stopping it disturbs no other test.
TEST(SyncCentralRestart, CentralStoppedAndStartedAgainTheDaemonCatchesUp) {
    OH_REQUIRE_PG();
    TempDir dir;
    std::string script = std::string(OPENHOUSE_SOURCE_DIR) + "/scripts/start-postgres.sh";
    std::string cluster = dir.file("pg");
    auto start = [&] {
        return shell(script + " start " + cluster + " > " + dir.file("env") + " 2>" +
                     dir.file("pg.err"));
    };
    if (start() != 0)
        GTEST_SKIP() << "could not start a private cluster: " << readFile(dir.file("pg.err"));
    std::string env = readFile(dir.file("env"));
    auto q1 = env.find('\'');
    std::string url = env.substr(q1 + 1, env.find('\'', q1 + 1) - q1 - 1);
    struct Stop {
        std::string cmd;
        ~Stop() { shell(cmd); }
    } stopAtEnd{script + " destroy " + cluster + " >/dev/null 2>&1"};

    auto central = openCentralRecord(url);
    Seed seed = seedCentral(*central, dir.file("admin.db"), 500);
    auto path = dir.file("kiosk.db");
    auto kiosk = openDevice(path, seed, "kiosk");
    SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();
    auto log = dir.file("daemon.log");
    pid_t pid = spawnDaemon({"sync", "--store", path, "--central", url}, log);
    auto atCentral = [&] { return scalar(url, "SELECT count(*) FROM checkins"); };

    for (int i = 0; i < 200; ++i)
        kiosk->recordCheckIn(seed.event.id, seed.attendees[static_cast<std::size_t>(i)], "qr", i);
    EXPECT_TRUE(eventually([&] { return atCentral() == 200; }, 10));

    ASSERT_EQ(shell(script + " stop " + cluster), 0);
    for (int i = 200; i < 500; ++i)
        kiosk->recordCheckIn(seed.event.id, seed.attendees[static_cast<std::size_t>(i)], "qr", i);
    // The daemon meets the outage (it tries, and says so) before the restart.
    EXPECT_TRUE(eventually(
        [&] { return readFile(log).find("central unreachable") != std::string::npos; }, 60));
    ASSERT_EQ(start(), 0);
    ASSERT_NE(readFile(dir.file("env")).find(url), std::string::npos)
        << "restarted on another port";
    EXPECT_TRUE(eventually([&] { return atCentral() == 500; }, 30));
    ::kill(pid, SIGTERM);
    EXPECT_EQ(waitExit(pid), 0);

    EXPECT_EQ(kiosk->outboxBacklog(), 0);
    // Each check-in applied once (the daemon's own health reports aside).
    EXPECT_EQ(scalar(url,
                     "SELECT count(*) FROM applied_keys a JOIN change_log l USING (idem_key) "
                     "WHERE a.device_id = $1::uuid AND l.kind <> 'device.health'",
                     {kiosk->deviceId()}),
              500);
    std::string text = readFile(log);
    EXPECT_NE(text.find("central unreachable"), std::string::npos) << text;
    EXPECT_NE(text.find("central reachable again"), std::string::npos) << text;
}

}  // namespace
