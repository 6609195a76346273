#pragma once
// File operations that survive a power cut: data and directory entries are fsynced before the
// caller is told the operation is done.
#include <cstdint>
#include <filesystem>
#include <string>

namespace countyread::sender {

void fsyncFile(const std::filesystem::path& file);
void fsyncDir(const std::filesystem::path& dir);
// Copies `from` to `to` through a temp file in to's folder: write, fsync, rename, fsync dir.
void copyDurably(const std::filesystem::path& from, const std::filesystem::path& to);
// Renames (same filesystem) and fsyncs the destination folder; copies when rename fails (EXDEV).
void moveDurably(const std::filesystem::path& from, const std::filesystem::path& to);
// 64-bit FNV-1a of the file's bytes, as 16 hex digits (equality check, not security).
std::string contentHash(const std::filesystem::path& file);

}  // namespace countyread::sender
