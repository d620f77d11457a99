#include "core/identity/keystore.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/files/private_dir.hpp"

namespace oh {

std::string KeyStore::pathFor(const std::string& eventId) const {
    return dir_ + "/" + eventId + ".keys";
}

void KeyStore::add(const std::string& eventId, const SigningKey& key) {
    // The keys folder is 0700 from the start (an existing one is narrowed), and the key file
    // 0600 when created (an existing one is narrowed too).
    std::string dirError;
    if (!makePrivateDirectory(dir_, true, &dirError))
        throw std::runtime_error("cannot create the keys folder: " + dirError);
    std::string path = pathFor(eventId);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write the key file " + path);
    ::fchmod(fd, 0600);
    std::string line = keyIdHex(key.id) + " " + key.secretHex() + "\n";
    bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
              ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write the key file " + path + " (disk full?)");
}

std::vector<SigningKey> KeyStore::keys(const std::string& eventId) const {
    std::ifstream in(pathFor(eventId));
    std::vector<SigningKey> out;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string id, secret;
        if (!(fields >> id >> secret)) continue;
        auto key = SigningKey::fromSecretHex(secret);
        if (key && keyIdHex(key->id) == id) out.push_back(*key);
    }
    return out;
}

SigningKey KeyStore::current(const std::string& eventId) const {
    auto all = keys(eventId);
    if (all.empty())
        throw std::runtime_error("no signing key for event " + eventId + " in " + dir_ +
                                 " (run 'openhouse init' on this machine)");
    return all.back();
}

}  // namespace oh
