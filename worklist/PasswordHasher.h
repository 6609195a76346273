#pragma once
// Password hashing with libsodium's Argon2id (crypto_pwhash_str), and random tokens.
#include <string>

namespace countyread::worklist {

std::string hashPassword(const std::string& password);
bool verifyPassword(const std::string& hash, const std::string& password);
// 32 random bytes, hex encoded.
std::string randomToken();

}  // namespace countyread::worklist
