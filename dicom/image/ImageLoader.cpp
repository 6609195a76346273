#include "dicom/image/ImageLoader.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>

#include "dicom/model/DatasetAccess.h"

namespace countyread::dicom {
namespace {

void registerDecodersOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

std::string text(DcmItem& item, const DcmTagKey& tag) {
    OFString value;
    if (item.findAndGetOFString(tag, value).bad()) return {};
    std::string s = value.c_str();
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    return s;
}

std::optional<double> number(DcmItem& item, const DcmTagKey& tag, unsigned long pos = 0) {
    Float64 value = 0;
    if (item.findAndGetFloat64(tag, value, pos).bad() || !std::isfinite(value)) return std::nullopt;
    return value;
}

int integer(DcmItem& item, const DcmTagKey& tag, int fallback) {
    Uint16 us = 0;
    if (item.findAndGetUint16(tag, us).good()) return us;
    Sint32 is = 0;  // Number of Frames is IS
    if (item.findAndGetSint32(tag, is).good()) return is;
    OFString s;
    if (item.findAndGetOFString(tag, s).good()) {
        try {
            return std::stoi(s.c_str());
        } catch (...) {
        }
    }
    return fallback;
}

template <std::size_t N>
std::optional<std::array<double, N>> vector(DcmItem& item, const DcmTagKey& tag) {
    std::array<double, N> out{};
    for (std::size_t i = 0; i < N; ++i) {
        auto v = number(item, tag, i);
        if (!v) return std::nullopt;
        out[i] = *v;
    }
    return out;
}

void readFile(const Bytes& part10, DcmFileFormat& file) {
    if (part10.empty()) throw DicomError("empty DICOM file");
    DcmInputBufferStream stream;
    stream.setBuffer(part10.data(), static_cast<offile_off_t>(part10.size()));
    stream.setEos();
    file.transferInit();
    OFCondition cond = file.read(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
    file.transferEnd();
    if (cond.bad()) throw DicomError(std::string("cannot parse DICOM file: ") + cond.text());
}

void decompress(DcmDataset& dataset) {
    DcmXfer original(dataset.getOriginalXfer());
    if (!original.isEncapsulated()) return;
    switch (original.getXfer()) {
        case EXS_JPEG2000LosslessOnly:
        case EXS_JPEG2000:
        case EXS_JPEG2000MulticomponentLosslessOnly:
        case EXS_JPEG2000Multicomponent:
            throw DicomError(std::string("JPEG 2000 images are not supported yet (") +
                             original.getXferName() + ")");
        default:
            break;
    }
    registerDecodersOnce();
    OFCondition cond = dataset.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    if (cond.bad() || !dataset.canWriteXfer(EXS_LittleEndianExplicit)) {
        throw DicomError(std::string("cannot decode pixel data in ") + original.getXferName() +
                         ": " + cond.text());
    }
}

struct PixelLayout {
    int rows = 0, columns = 0, frames = 1;
    int bits_allocated = 0, bits_stored = 0, high_bit = 0;
    bool is_signed = false;
};

PixelLayout readLayout(DcmDataset& ds) {
    PixelLayout l;
    l.rows = integer(ds, DCM_Rows, 0);
    l.columns = integer(ds, DCM_Columns, 0);
    l.frames = integer(ds, DCM_NumberOfFrames, 1);
    l.bits_allocated = integer(ds, DCM_BitsAllocated, 0);
    l.bits_stored = integer(ds, DCM_BitsStored, l.bits_allocated);
    l.high_bit = integer(ds, DCM_HighBit, l.bits_stored - 1);
    l.is_signed = integer(ds, DCM_PixelRepresentation, 0) == 1;
    if (l.rows <= 0 || l.columns <= 0) throw DicomError("image has no Rows/Columns");
    if (static_cast<long long>(l.rows) * l.columns > kMaxPixelsPerFrame) {
        throw DicomError("image size " + std::to_string(l.columns) + "x" + std::to_string(l.rows) +
                         " is larger than supported");
    }
    if (l.frames < 1) l.frames = 1;
    if (l.bits_allocated != 8 && l.bits_allocated != 16) {
        throw DicomError("Bits Allocated " + std::to_string(l.bits_allocated) +
                         " is not supported (only 8 and 16)");
    }
    if (l.bits_stored < 1 || l.bits_stored > l.bits_allocated) l.bits_stored = l.bits_allocated;
    if (l.high_bit < l.bits_stored - 1 || l.high_bit >= l.bits_allocated) {
        l.high_bit = l.bits_stored - 1;
    }
    return l;
}

// Extracts the stored value of each pixel of one frame: shift, mask, sign-extend.
void copyFrame(DcmDataset& ds, const PixelLayout& l, int frame, ImageFrame& out) {
    const std::size_t count = static_cast<std::size_t>(l.rows) * l.columns;
    const std::size_t first = count * static_cast<std::size_t>(frame);
    const int shift = l.high_bit + 1 - l.bits_stored;
    const unsigned mask = (1u << l.bits_stored) - 1u;
    const unsigned sign_bit = 1u << (l.bits_stored - 1);
    auto store = [&](std::size_t i, unsigned raw) {
        unsigned v = (raw >> shift) & mask;
        int value = static_cast<int>(v);
        if (l.is_signed && (v & sign_bit)) value -= static_cast<int>(mask) + 1;
        out.pixels[i] = static_cast<std::uint16_t>(value);  // int16 bit pattern when signed
        out.stored_min = std::min(out.stored_min, value);
        out.stored_max = std::max(out.stored_max, value);
    };
    out.pixels.assign(count, 0);
    out.stored_min = std::numeric_limits<int>::max();
    out.stored_max = std::numeric_limits<int>::min();

    const Uint16* words = nullptr;
    const Uint8* bytes = nullptr;
    unsigned long n = 0;
    if (l.bits_allocated == 16 && ds.findAndGetUint16Array(DCM_PixelData, words, &n).good() &&
        words) {
        if (n < first + count) throw DicomError("pixel data is shorter than the declared size");
        // Branch-free loop the compiler vectorises (a 3000 x 3000 DR is 9 M pixels): shift,
        // mask, sign-extend by (v ^ s) - s, track min / max.
        const std::uint32_t sign = l.is_signed ? sign_bit : 0u;
        const Uint16* src = words + first;
        std::uint16_t* dst = out.pixels.data();
        int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint32_t v = (static_cast<std::uint32_t>(src[i]) >> shift) & mask;
            const int value = static_cast<int>(v ^ sign) - static_cast<int>(sign);
            dst[i] = static_cast<std::uint16_t>(value);
            lo = std::min(lo, value);
            hi = std::max(hi, value);
        }
        out.stored_min = lo;
        out.stored_max = hi;
        return;
    }
    if (ds.findAndGetUint8Array(DCM_PixelData, bytes, &n).bad() || !bytes) {
        throw DicomError("file has no readable Pixel Data");
    }
    const std::size_t bpp = l.bits_allocated / 8;
    if (n < (first + count) * bpp) throw DicomError("pixel data is shorter than the declared size");
    for (std::size_t i = 0; i < count; ++i) {
        const Uint8* p = bytes + (first + i) * bpp;
        store(i,
              bpp == 2 ? static_cast<unsigned>(p[0] | (p[1] << 8)) : p[0]);  // OB is little endian
    }
}

void readGeometry(DcmDataset& ds, ImageFrame& f) {
    auto pixel_spacing = vector<2>(ds, DCM_PixelSpacing);
    auto imager_spacing = vector<2>(ds, DCM_ImagerPixelSpacing);
    auto valid = [](const std::optional<std::array<double, 2>>& s) {
        return s && (*s)[0] > 0 && (*s)[1] > 0;
    };
    if (valid(pixel_spacing)) {
        f.row_spacing = (*pixel_spacing)[0];
        f.column_spacing = (*pixel_spacing)[1];
        f.spacing_source = SpacingSource::PixelSpacing;
    } else if (valid(imager_spacing)) {
        f.row_spacing = (*imager_spacing)[0];
        f.column_spacing = (*imager_spacing)[1];
        f.spacing_source = SpacingSource::ImagerPixelSpacing;
    }
    f.image_position = vector<3>(ds, DCM_ImagePositionPatient);
    f.image_orientation = vector<6>(ds, DCM_ImageOrientationPatient);
    f.slice_thickness = number(ds, DCM_SliceThickness);
    f.slice_location = number(ds, DCM_SliceLocation);
    OFString orientation;
    if (ds.findAndGetOFStringArray(DCM_PatientOrientation, orientation).good()) {
        f.patient_orientation = orientation.c_str();
    }
}

void readDisplay(DcmDataset& ds, ImageFrame& f) {
    f.rescale_slope = number(ds, DCM_RescaleSlope).value_or(1.0);
    if (f.rescale_slope == 0.0) f.rescale_slope = 1.0;  // a zero slope would erase the image
    f.rescale_intercept = number(ds, DCM_RescaleIntercept).value_or(0.0);
    for (unsigned long i = 0;; ++i) {
        auto c = number(ds, DCM_WindowCenter, i);
        auto w = number(ds, DCM_WindowWidth, i);
        if (!c || !w) break;
        if (*w < 1.0) continue;
        VoiWindow window{*c, *w, {}};
        OFString explanation;
        if (ds.findAndGetOFString(DCM_WindowCenterWidthExplanation, explanation, i).good())
            window.explanation = explanation.c_str();
        f.windows.push_back(std::move(window));
    }
    if (std::string fn = text(ds, DCM_VOILUTFunction); !fn.empty()) f.voi_function = fn;
    auto center = number(ds, DCM_WindowCenter);
    auto width = number(ds, DCM_WindowWidth);
    if (center && width && *width >= 1.0) {
        f.window_center = *center;
        f.window_width = *width;
        f.window_from_file = true;
    } else {
        double a = f.stored_min * f.rescale_slope + f.rescale_intercept;
        double b = f.stored_max * f.rescale_slope + f.rescale_intercept;
        f.window_center = (a + b) / 2.0;
        f.window_width = std::max(std::abs(b - a), 1.0);
        f.window_from_file = false;
    }
}

// A parsed, decompressed image ready for frame extraction.
struct OpenImage {
    DcmFileFormat file;
    PixelLayout layout;
    bool monochrome1 = false;
};

void openImage(const Bytes& part10, OpenImage& image) {
    readFile(part10, image.file);
    DcmDataset& ds = *image.file.getDataset();
    if (!ds.tagExists(DCM_PixelData)) throw DicomError("file has no Pixel Data (not an image)");
    const std::string photometric = text(ds, DCM_PhotometricInterpretation);
    const int samples = integer(ds, DCM_SamplesPerPixel, 1);
    if (samples != 1 || (photometric != "MONOCHROME1" && photometric != "MONOCHROME2")) {
        throw DicomError("colour images are not supported yet (Photometric Interpretation '" +
                         photometric + "', " + std::to_string(samples) + " samples per pixel)");
    }
    readLayout(ds);  // rejects absurd declarations before a decoder allocates for them
    decompress(ds);
    image.layout = readLayout(ds);  // decoders may have corrected the header
    image.monochrome1 = photometric == "MONOCHROME1";
}

ImageFrame extractFrame(OpenImage& image, int frame) {
    DcmDataset& ds = *image.file.getDataset();
    const PixelLayout& layout = image.layout;
    ImageFrame f;
    f.width = layout.columns;
    f.height = layout.rows;
    f.frame_index = frame;
    f.number_of_frames = layout.frames;
    f.is_signed = layout.is_signed;
    f.bits_stored = layout.bits_stored;
    f.monochrome1 = image.monochrome1;
    copyFrame(ds, layout, frame, f);
    readGeometry(ds, f);
    readDisplay(ds, f);
    return f;
}

}  // namespace

ImageFrame loadFrame(const Bytes& part10, int frame) {
    OpenImage image;
    openImage(part10, image);
    if (frame < 0 || frame >= image.layout.frames) {
        throw DicomError("frame " + std::to_string(frame) + " out of range (file has " +
                         std::to_string(image.layout.frames) + ")");
    }
    return extractFrame(image, frame);
}

std::vector<ImageFrame> loadFrames(const Bytes& part10, int max_frames, InstanceInfo* info) {
    OpenImage image;
    openImage(part10, image);
    std::vector<ImageFrame> frames;
    const int n = std::min(image.layout.frames, std::max(max_frames, 1));
    frames.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) frames.push_back(extractFrame(image, i));
    if (info) {
        // After the pixels: extractInfo converts the dataset's text to UTF-8 in place.
        DcmXfer xfer(image.file.getDataset()->getOriginalXfer());
        *info = detail::extractInfo(*image.file.getDataset(), xfer.getXferID());
    }
    return frames;
}

}  // namespace countyread::dicom
