#include "worklist/PasswordHasher.h"

#include <sodium.h>

#include <stdexcept>

namespace countyread::worklist {

namespace {
void init() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
}
}  // namespace

std::string hashPassword(const std::string& password) {
    init();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return out;
}

bool verifyPassword(const std::string& hash, const std::string& password) {
    init();
    if (hash.empty()) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string randomToken() {
    init();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

}  // namespace countyread::worklist
