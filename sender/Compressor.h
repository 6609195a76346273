#pragma once
// Lossless compression of outgoing images (JPEG-LS lossless, DCMTK's dcmjpls): the county
// gets every stored pixel value unchanged, the rural line carries fewer bytes.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace countyread::sender {

struct CompressResult {
    int64_t original_size = 0;
    int64_t compressed_size = 0;
};

// Registers the JPEG-LS encoder and the decoders the gateway uses; idempotent, thread-safe.
void registerCodecs();

// True when the file's transfer syntax is uncompressed (JPEG-LS can be tried on it).
bool isUncompressedSyntax(const std::string& transfer_syntax_uid);

// Writes `out` (fsynced, atomically renamed) as JPEG-LS lossless. nullopt when the instance has
// no pixel data, is already compressed, is a kind of image the codec does not take, or would
// not get smaller; `why` then says so. Throws only on I/O errors writing `out`.
std::optional<CompressResult> compressJpegLsLossless(const std::filesystem::path& in,
                                                     const std::filesystem::path& out,
                                                     std::string* why = nullptr);

}  // namespace countyread::sender
