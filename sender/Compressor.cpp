#include "sender/Compressor.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>

#include <mutex>
#include <random>
#include <vector>

#include "dicom/net/NetworkSetup.h"
#include "sender/DurableFile.h"

namespace countyread::sender {

namespace fs = std::filesystem;

namespace {

// The pixel data as raw bytes in the dataset's current (uncompressed) representation.
std::optional<std::vector<Uint8>> uncompressedPixels(DcmDataset& ds) {
    if (ds.chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad()) return std::nullopt;
    DcmElement* e = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, e).bad() || !e) return std::nullopt;
    Uint8* bytes = nullptr;
    if (e->getUint8Array(bytes).bad() || !bytes) {
        Uint16* words = nullptr;
        if (e->getUint16Array(words).bad() || !words) return std::nullopt;
        bytes = reinterpret_cast<Uint8*>(words);
    }
    return std::vector<Uint8>(bytes, bytes + e->getLength());
}

}  // namespace

void registerCodecs() {
    static std::once_flag once;
    std::call_once(once, [] {
        dicom::prepareDicomNetworking();  // also quiets DCMTK's informational log
        DJLSEncoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DJDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

bool isUncompressedSyntax(const std::string& uid) {
    DcmXfer x(uid.c_str());
    return x.getXfer() != EXS_Unknown && x.isNotEncapsulated() &&
           x.getXfer() != EXS_DeflatedLittleEndianExplicit;
}

std::optional<CompressResult> compressJpegLsLossless(const fs::path& in, const fs::path& out,
                                                     std::string* why) {
    registerCodecs();
    auto reason = [&](const std::string& r) -> std::optional<CompressResult> {
        if (why) *why = r;
        return std::nullopt;
    };
    DcmFileFormat ff;
    OFCondition cond = ff.loadFile(in.c_str());
    if (cond.bad()) return reason(std::string("cannot read: ") + cond.text());
    DcmDataset* ds = ff.getDataset();
    if (!ds->tagExists(DCM_PixelData)) return reason("no pixel data");
    E_TransferSyntax original = ds->getOriginalXfer();
    if (!isUncompressedSyntax(DcmXfer(original).getXferID())) return reason("already compressed");
    Uint16 bits = 0, samples = 1;
    ds->findAndGetUint16(DCM_BitsAllocated, bits);
    ds->findAndGetUint16(DCM_SamplesPerPixel, samples);
    if ((bits != 8 && bits != 16) || (samples != 1 && samples != 3))
        return reason("pixel layout not supported by JPEG-LS");
    if (ds->tagExists(DCM_FloatPixelData) || ds->tagExists(DCM_DoubleFloatPixelData))
        return reason("float pixel data");

    // What the county must get back after decompression, bit for bit.
    auto original_pixels = uncompressedPixels(*ds);
    if (!original_pixels) return reason("cannot access the pixel data");

    DJLSRepresentationParameter lossless(2, OFTrue);
    cond = ds->chooseRepresentation(EXS_JPEGLSLossless, &lossless);
    if (cond.bad() || !ds->canWriteXfer(EXS_JPEGLSLossless))
        return reason(std::string("encoder refused: ") + cond.text());

    static thread_local std::mt19937_64 rng{std::random_device{}()};
    fs::path tmp = out;
    tmp += ".tmp" + std::to_string(rng());
    cond = ff.saveFile(tmp.c_str(), EXS_JPEGLSLossless, EET_UndefinedLength, EGL_recalcGL,
                       EPD_noChange, 0, 0, EWM_updateMeta);
    if (cond.bad()) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw std::runtime_error("cannot write " + tmp.string() + ": " + cond.text());
    }
    CompressResult r;
    r.original_size = static_cast<int64_t>(fs::file_size(in));
    r.compressed_size = static_cast<int64_t>(fs::file_size(tmp));
    if (r.compressed_size >= r.original_size) {
        std::error_code ec;
        fs::remove(tmp, ec);
        return reason("JPEG-LS would not be smaller");
    }
    // Decode what was written: values outside Bits Stored, odd layouts or codec quirks must
    // not change a single byte of pixel data, else the original goes instead.
    {
        DcmFileFormat check;
        std::optional<std::vector<Uint8>> decoded;
        if (check.loadFile(tmp.c_str()).good()) decoded = uncompressedPixels(*check.getDataset());
        if (!decoded || *decoded != *original_pixels) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return reason("JPEG-LS would not give back identical pixel data");
        }
    }
    fsyncFile(tmp);
    fs::rename(tmp, out);
    fsyncDir(out.parent_path());
    return r;
}

}  // namespace countyread::sender
