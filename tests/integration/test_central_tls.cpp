// TLS to the central PostgreSQL: the connection string's sslmode=verify-full
// is honoured. A private cluster with a throw-away CA and a certificate for
// "localhost": the daemon's adapter syncs over TLS when the name and the CA
// match, and refuses to connect, saying why, when either does not, or when the
// server offers no TLS at all.
#include <fstream>

#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

std::string readText(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The error connecting with `url` raises, or "" when it connects.
std::string connectFailure(const std::string& url) {
    try {
        openCentralRecord(url)->ping();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

class CentralTls : public testing::Test {
  protected:
    void SetUp() override {
        OH_REQUIRE_PG();
        script_ = std::string(OPENHOUSE_SOURCE_DIR) + "/scripts/start-postgres.sh";
        cluster_ = dir_.file("pg");
        if (!start())
            GTEST_SKIP() << "could not start a private cluster: " << readText(dir_.file("pg.err"));
        started_ = true;
        std::string env = readText(dir_.file("env"));
        auto at = env.find("OPENHOUSE_TEST_PG_PORT=");
        port_ = std::stoi(env.substr(at + 23));
    }
    void TearDown() override {
        if (started_) shell(script_ + " destroy " + cluster_ + " >/dev/null 2>&1");
    }

    bool start() {
        return shell(script_ + " start " + cluster_ + " > " + dir_.file("env") + " 2>" +
                     dir_.file("pg.err")) == 0;
    }
    // The cluster's data folder (start-postgres.sh may keep it under /tmp).
    std::string dataDir() {
        std::string location = readText(cluster_ + "/location");
        while (!location.empty() && location.back() == '\n') location.pop_back();
        return (location.empty() ? cluster_ : location) + "/data";
    }
    // A CA, and a server certificate for "localhost" signed by it (or by `signer`).
    void makeCertificates() {
        const std::string d = dir_.path();
        std::string cmd =
            "cd " + d +
            " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            " -keyout ca.key -out ca.crt -days 2 -subj /CN=openhouse-test-ca"
            " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            " -keyout other-ca.key -out other-ca.crt -days 2 -subj /CN=someone-else"
            " && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            " -keyout server.key -out server.csr -subj /CN=localhost"
            " && echo subjectAltName=DNS:localhost > ext.cnf"
            " && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial"
            " -out server.crt -days 2 -extfile ext.cnf";
        ASSERT_EQ(shell("(" + cmd + ") > " + d + "/openssl.log 2>&1"), 0)
            << readText(d + "/openssl.log");
    }
    // Restarts the cluster with TLS on, the key and certificate in its data folder.
    void enableTls() {
        const std::string data = dataDir(), d = dir_.path();
        ASSERT_EQ(shell(script_ + " stop " + cluster_), 0);
        std::string cmd = "cp " + d + "/server.crt " + d + "/server.key " + data +
                          "/ && chown --reference=" + data + "/PG_VERSION " + data +
                          "/server.crt " + data + "/server.key && chmod 600 " + data +
                          "/server.key" +
                          " && printf \"ssl = on\\nssl_cert_file = 'server.crt'\\nssl_key_file = "
                          "'server.key'\\n\" >> " +
                          data + "/postgresql.conf";
        ASSERT_EQ(shell(cmd), 0);
        ASSERT_TRUE(start()) << readText(dir_.file("pg.err"));
    }
    std::string url(const std::string& host, const std::string& query) const {
        // hostaddr: connect to the loopback address, verify the certificate against `host`.
        return "postgresql://postgres@" + host + ":" + std::to_string(port_) +
               "/postgres?hostaddr=127.0.0.1&connect_timeout=5&" + query;
    }

    TempDir dir_;
    std::string script_, cluster_;
    int port_ = 0;
    bool started_ = false;
};

TEST_F(CentralTls, VerifyFullSyncsOverTlsAndRefusesAWrongNameAWrongCaOrNoTls) {
    makeCertificates();
    const std::string ca = "sslrootcert=" + dir_.file("ca.crt");

    // No TLS on the server yet: verify-full refuses rather than falling back.
    std::string plain = connectFailure(url("localhost", "sslmode=verify-full&" + ca));
    EXPECT_NE(plain.find("cannot connect"), std::string::npos) << plain;
    EXPECT_NE(plain.find("does not support SSL"), std::string::npos) << plain;

    enableTls();
    if (HasFatalFailure()) return;

    // The right name and CA: a whole sync round, over TLS.
    const std::string good = url("localhost", "sslmode=verify-full&" + ca);
    auto central = openCentralRecord(good);
    Seed seed = seedCentral(*central, dir_.file("admin.db"), 8);
    auto kiosk = openDevice(dir_.file("kiosk.db"), seed, "kiosk");
    SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();
    kiosk->recordCheckIn(seed.event.id, seed.attendees[0], "qr", 1);
    SyncReport report = SyncEngine(*kiosk, *central, {}, [](const std::string&) {}).syncOnce();
    EXPECT_EQ(report.pushed, 1);
    EXPECT_EQ(pgtools::query(good, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                  .at(0)
                  .at(0),
              "true");

    // A name the certificate does not carry.
    std::string wrongName = connectFailure(url("127.0.0.1", "sslmode=verify-full&" + ca));
    EXPECT_NE(wrongName.find("cannot connect"), std::string::npos) << wrongName;
    EXPECT_NE(wrongName.find("does not match host name"), std::string::npos) << wrongName;

    // A certificate from a CA this device does not trust.
    std::string wrongCa = connectFailure(
        url("localhost", "sslmode=verify-full&sslrootcert=" + dir_.file("other-ca.crt")));
    EXPECT_NE(wrongCa.find("certificate verify failed"), std::string::npos) << wrongCa;
}

}  // namespace
