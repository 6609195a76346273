#include "tests/sender/SenderTestData.h"

#include <dcmtk/dcmdata/dctk.h>

#include <stdexcept>

#include "SampleGenerator.h"
#include "sender/Compressor.h"

namespace countyread::test {

namespace fs = std::filesystem;

namespace {
std::string newUid() {
    char buf[100];
    return dcmGenerateUniqueIdentifier(buf, SITE_INSTANCE_UID_ROOT);
}
}  // namespace

TestSet makeCtDrSet(const fs::path& dir, TestSetSize size) {
    samples::SampleOptions o;
    o.out_dir = dir;
    o.ct_slices = size.ct_slices;
    o.ct_size = size.ct_size;
    o.dr_size = size.dr_size;
    o.seed = 7;
    auto studies = samples::generateSamples(o);
    TestSet set;
    for (const auto& s : studies) {
        set.study_uids.push_back(s.study_uid);
        set.files.insert(set.files.end(), s.files.begin(), s.files.end());
        if (size.second_ct_series && s.modality == "CT" && set.study_uids.size() == 2) {
            // A bone-window reconstruction of the head: same study, its own series.
            const auto series_uid = newUid();
            const fs::path folder = s.directory / "series-3-bone";
            fs::create_directories(folder);
            for (const auto& f : s.files) {
                DcmFileFormat ff;
                if (ff.loadFile(f.c_str()).bad())
                    throw std::runtime_error("cannot read " + f.string());
                auto* ds = ff.getDataset();
                const auto sop = newUid();
                ds->putAndInsertString(DCM_SeriesInstanceUID, series_uid.c_str());
                ds->putAndInsertString(DCM_SOPInstanceUID, sop.c_str());
                ds->putAndInsertString(DCM_SeriesNumber, "3");
                ds->putAndInsertString(DCM_ConvolutionKernel, "H70h");
                // Bone kernel: sharper noise, so the pixels differ from series 2.
                const Uint16* px = nullptr;
                unsigned long count = 0;
                if (ds->findAndGetUint16Array(DCM_PixelData, px, &count).good() && count > 0) {
                    std::vector<Uint16> copy(px, px + count);
                    for (unsigned long i = 0; i < count; ++i)
                        copy[i] = static_cast<Uint16>(copy[i] ^ (((i * 2654435761u) >> 13) & 1u));
                    ds->putAndInsertUint16Array(DCM_PixelData, copy.data(), count);
                }
                const fs::path out = folder / (sop + ".dcm");
                if (ff.saveFile(out.c_str(), ds->getOriginalXfer()).bad())
                    throw std::runtime_error("cannot write " + out.string());
                set.files.push_back(out);
            }
        }
    }
    for (const auto& f : set.files) {
        set.by_sop[sopInstanceOf(f)] = f;
        set.bytes += static_cast<int64_t>(fs::file_size(f));
    }
    return set;
}

std::vector<uint8_t> decodedPixels(const fs::path& file) {
    sender::registerCodecs();
    DcmFileFormat ff;
    if (ff.loadFile(file.c_str()).bad()) throw std::runtime_error("cannot read " + file.string());
    auto* ds = ff.getDataset();
    if (ds->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad())
        throw std::runtime_error("cannot decode " + file.string());
    DcmElement* e = nullptr;
    if (ds->findAndGetElement(DCM_PixelData, e).bad() || !e)
        throw std::runtime_error("no pixel data in " + file.string());
    Uint8* bytes = nullptr;
    if (e->getUint8Array(bytes).bad() || !bytes) {
        Uint16* words = nullptr;
        if (e->getUint16Array(words).bad() || !words)
            throw std::runtime_error("cannot access pixel data in " + file.string());
        bytes = reinterpret_cast<Uint8*>(words);
    }
    return std::vector<uint8_t>(bytes, bytes + e->getLength());
}

std::string transferSyntaxOf(const fs::path& file) {
    DcmFileFormat ff;
    if (ff.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, 64).bad()) return {};
    OFString x;
    ff.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, x);
    return x.c_str();
}

std::string sopInstanceOf(const fs::path& file) {
    DcmFileFormat ff;
    if (ff.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, 64).bad()) return {};
    OFString x;
    ff.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, x);
    return x.c_str();
}

}  // namespace countyread::test
