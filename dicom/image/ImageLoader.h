#pragma once
// Decoding DICOM pixel data into ImageFrame (grayscale only for now). DCMTK stays in the .cpp.
#include "dicom/image/ImageFrame.h"
#include "dicom/model/DicomFile.h"
#include "dicom/model/InstanceInfo.h"

namespace countyread::dicom {

// Decodes frame `frame` (0-based) of a Part 10 file held in memory. Uncompressed (implicit,
// explicit, big endian, deflated), JPEG (baseline, extended, lossless), JPEG-LS and RLE are
// decoded; the JPEG/JPEG-LS/RLE decoders are registered with DCMTK on first use.
// Throws DicomError with a readable message for anything it cannot show: not an image,
// colour images, JPEG 2000, unusual Bits Allocated, pixel data shorter than the size the
// header declares, a frame index out of range.
ImageFrame loadFrame(const Bytes& part10, int frame = 0);

// Every frame of a (multi-frame) image, decoding the file once. At most `max_frames` frames
// are returned (the first ones). When `info` is given it receives the instance's attributes
// (text in UTF-8) from the same parse, so a loader needs no second pass over the file.
std::vector<ImageFrame> loadFrames(const Bytes& part10, int max_frames = 2000,
                                   InstanceInfo* info = nullptr);

// The largest image accepted (rows * columns per frame); bigger declarations are rejected.
inline constexpr long long kMaxPixelsPerFrame = 16384LL * 16384LL;

}  // namespace countyread::dicom
