#include "dicom/pstate/PresentationState.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/ofstd/ofdatime.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "dicom/model/DatasetAccess.h"
#include "dicom/model/Uid.h"

namespace countyread::dicom {
namespace {

constexpr const char* kGroupPrefix = "countyread:";

void put(DcmItem& item, const DcmTagKey& tag, const std::string& value) { detail::putString(item, tag, value); }

void putFloats(DcmItem& item, const DcmTagKey& tag, const std::vector<PsPoint>& points) {
    std::vector<Float32> values;
    for (const auto& p : points) {
        values.push_back(static_cast<Float32>(p.x));
        values.push_back(static_cast<Float32>(p.y));
    }
    if (item.putAndInsertFloat32Array(tag, values.data(), values.size()).bad())
        throw DicomError("cannot set graphic data");
}

DcmItem& newItem(DcmItem& parent, const DcmTagKey& sequence) {
    DcmItem* item = nullptr;
    if (parent.findOrCreateSequenceItem(sequence, item, -2).bad() || !item)
        throw DicomError("cannot create a sequence item");
    return *item;
}

void referenceImage(DcmItem& parent, const PsImage& image) {
    DcmItem& ref = newItem(parent, DCM_ReferencedImageSequence);
    put(ref, DCM_ReferencedSOPClassUID, image.sop_class_uid);
    put(ref, DCM_ReferencedSOPInstanceUID, image.sop_instance_uid);
    if (image.frame > 0) put(ref, DCM_ReferencedFrameNumber, std::to_string(image.frame));
}

const char* typeName(PsGraphic::Type t) {
    switch (t) {
        case PsGraphic::Type::Polyline:
            return "POLYLINE";
        case PsGraphic::Type::Interpolated:
            return "INTERPOLATED";
        case PsGraphic::Type::Circle:
            return "CIRCLE";
        case PsGraphic::Type::Ellipse:
            return "ELLIPSE";
        case PsGraphic::Type::Point:
            return "POINT";
    }
    return "POLYLINE";
}

bool closedShape(const PsGraphic& g) {
    if (g.type == PsGraphic::Type::Circle || g.type == PsGraphic::Type::Ellipse) return true;
    if (g.type == PsGraphic::Type::Point || g.points.size() < 3) return false;
    return g.points.front() == g.points.back();
}

// CS values: upper case letters, digits, space and underscore, at most 16 characters.
std::string codeString(std::string s, const std::string& fallback) {
    for (auto& c : s) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '_')) c = '_';
    }
    if (s.size() > 16) s.resize(16);
    return s.empty() ? fallback : s;
}

std::string decimal(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    std::string s = buf;
    if (s.size() > 16) {
        std::snprintf(buf, sizeof buf, "%.8g", v);
        s = buf;
    }
    return s;
}

void writeAnnotations(DcmDataset& ds, const PresentationState& st,
                      std::map<std::string, std::string>& layers) {
    Uint32 group_id = 0;
    for (const auto& per_image : st.annotations) {
        // One Graphic Annotation item per (image, layer).
        std::map<std::string, std::vector<const PsAnnotation*>> by_layer;
        for (const auto& a : per_image.annotations) {
            by_layer[codeString(a.layer, "COUNTYREAD")].push_back(&a);
        }
        for (const auto& [layer, list] : by_layer) {
            layers.emplace(layer, layer);
            DcmItem& item = newItem(ds, DCM_GraphicAnnotationSequence);
            referenceImage(item, per_image.image);
            put(item, DCM_GraphicLayer, layer);
            for (const PsAnnotation* a : list) {
                ++group_id;
                DcmItem& group = newItem(ds, DCM_GraphicGroupSequence);
                group.putAndInsertUint32(DCM_GraphicGroupID, group_id);
                put(group, DCM_GraphicGroupLabel,
                    a->kind.empty() ? std::string("annotation") : kGroupPrefix + a->kind);
                for (const auto& g : a->graphics) {
                    if (g.points.empty()) continue;
                    DcmItem& o = newItem(item, DCM_GraphicObjectSequence);
                    put(o, DCM_GraphicAnnotationUnits, "PIXEL");
                    o.putAndInsertUint16(DCM_GraphicDimensions, 2);
                    o.putAndInsertUint16(DCM_NumberOfGraphicPoints,
                                         static_cast<Uint16>(g.points.size()));
                    putFloats(o, DCM_GraphicData, g.points);
                    put(o, DCM_GraphicType, typeName(g.type));
                    if (closedShape(g)) put(o, DCM_GraphicFilled, g.filled ? "Y" : "N");
                    o.putAndInsertUint32(DCM_GraphicGroupID, group_id);
                }
                for (const auto& t : a->texts) {
                    if (!t.anchor && !t.box) continue;
                    DcmItem& o = newItem(item, DCM_TextObjectSequence);
                    if (t.box) {
                        put(o, DCM_BoundingBoxAnnotationUnits, "PIXEL");
                        putFloats(o, DCM_BoundingBoxTopLeftHandCorner, {t.box->first});
                        putFloats(o, DCM_BoundingBoxBottomRightHandCorner, {t.box->second});
                        put(o, DCM_BoundingBoxTextHorizontalJustification, "LEFT");
                    }
                    if (t.anchor) {
                        put(o, DCM_AnchorPointAnnotationUnits, "PIXEL");
                        putFloats(o, DCM_AnchorPoint, {*t.anchor});
                        put(o, DCM_AnchorPointVisibility, t.anchor_visible ? "Y" : "N");
                    }
                    put(o, DCM_UnformattedTextValue, t.text);
                    o.putAndInsertUint32(DCM_GraphicGroupID, group_id);
                }
            }
        }
    }
}

}  // namespace

Bytes buildPresentationState(const PresentationState& st) {
    if (st.images.empty()) throw DicomError("a presentation state needs at least one image");
    std::set<std::string> referenced;
    for (const auto& image : st.images) {
        if (!isValidUid(image.sop_instance_uid) || !isValidUid(image.sop_class_uid) ||
            !isValidUid(image.series_uid))
            throw DicomError("invalid UID in the referenced images");
        if (image.rows <= 0 || image.columns <= 0)
            throw DicomError("referenced image " + image.sop_instance_uid + " has no size");
        referenced.insert(image.sop_instance_uid);
    }
    for (const auto& a : st.annotations) {
        if (!referenced.count(a.image.sop_instance_uid))
            throw DicomError("annotation on an image the presentation state does not reference");
    }
    if (!isValidUid(st.study.study_uid)) throw DicomError("invalid Study Instance UID");

    DcmFileFormat ff;
    DcmDataset& ds = *ff.getDataset();
    OFDateTime now = OFDateTime::getCurrentDateTime();
    OFString date, time;
    now.getDate().getISOFormattedDate(date, false);
    now.getTime().getISOFormattedTime(time, true, false, false, false);

    put(ds, DCM_SpecificCharacterSet, "ISO_IR 192");
    put(ds, DCM_SOPClassUID, kGspsSopClass);
    put(ds, DCM_SOPInstanceUID, st.sop_instance_uid.empty() ? newUid() : st.sop_instance_uid);
    // Patient, General Study (copied from the study's image).
    detail::putPatientAndStudy(ds, st.study);
    // General Series, Presentation Series, General Equipment.
    put(ds, DCM_Modality, "PR");
    put(ds, DCM_SeriesInstanceUID, st.series_uid.empty() ? newUid() : st.series_uid);
    put(ds, DCM_SeriesNumber, std::to_string(st.series_number));
    // Type 2C (paired body parts): present and empty, as the laterality is the images' own.
    put(ds, DCM_Laterality, "");
    put(ds, DCM_Manufacturer, "CountyRead");
    // Presentation State Identification.
    put(ds, DCM_InstanceNumber, std::to_string(st.instance_number));
    put(ds, DCM_ContentLabel, codeString(st.content_label, "COUNTYREAD"));
    put(ds, DCM_ContentDescription, st.content_description);
    put(ds, DCM_PresentationCreationDate,
        st.creation_date.empty() ? date.c_str() : st.creation_date);
    put(ds, DCM_PresentationCreationTime,
        st.creation_time.empty() ? time.c_str() : st.creation_time);
    put(ds, DCM_ContentCreatorName, st.creator_name);

    // Presentation State Relationship: the images, by series.
    std::map<std::string, std::vector<const PsImage*>> by_series;
    std::vector<std::string> series_order;
    for (const auto& image : st.images) {
        if (by_series[image.series_uid].empty()) series_order.push_back(image.series_uid);
        by_series[image.series_uid].push_back(&image);
    }
    for (const auto& uid : series_order) {
        DcmItem& series = newItem(ds, DCM_ReferencedSeriesSequence);
        put(series, DCM_SeriesInstanceUID, uid);
        for (const PsImage* image : by_series[uid]) referenceImage(series, *image);
    }

    // Displayed Area: the whole image, scaled to fit; one item per image size.
    std::map<std::pair<int, int>, std::vector<const PsImage*>> by_size;
    for (const auto& image : st.images) by_size[{image.columns, image.rows}].push_back(&image);
    for (const auto& [size, images] : by_size) {
        DcmItem& area = newItem(ds, DCM_DisplayedAreaSelectionSequence);
        if (by_size.size() > 1) {
            for (const PsImage* image : images) referenceImage(area, *image);
        }
        const Sint32 corners[2][2] = {{1, 1}, {size.first, size.second}};
        const DcmTagKey tags[2] = {DCM_DisplayedAreaTopLeftHandCorner,
                                   DCM_DisplayedAreaBottomRightHandCorner};
        for (int i = 0; i < 2; ++i) {
            auto* element = new DcmSignedLong(DcmTag(tags[i]));
            if (element->putSint32Array(corners[i], 2).bad() || area.insert(element, true).bad())
                throw DicomError("cannot set the displayed area");
        }
        put(area, DCM_PresentationSizeMode, "SCALE TO FIT");
        put(area, DCM_PresentationPixelAspectRatio, "1\\1");
    }

    std::map<std::string, std::string> layers;
    writeAnnotations(ds, st, layers);
    int order = 1;
    for (const auto& [layer, description] : layers) {
        DcmItem& item = newItem(ds, DCM_GraphicLayerSequence);
        put(item, DCM_GraphicLayer, layer);
        put(item, DCM_GraphicLayerOrder, std::to_string(order++));
        put(item, DCM_GraphicLayerDescription, "CountyRead annotations and measurements");
    }

    // Spatial Transformation, Modality LUT, Softcopy VOI LUT, Softcopy Presentation LUT.
    ds.putAndInsertUint16(DCM_ImageRotation,
                          static_cast<Uint16>(((st.rotation % 360) + 360) % 360 / 90 * 90));
    put(ds, DCM_ImageHorizontalFlip, st.horizontal_flip ? "Y" : "N");
    if (st.rescale) {
        put(ds, DCM_RescaleIntercept, decimal(st.rescale->second));
        put(ds, DCM_RescaleSlope, decimal(st.rescale->first));
        put(ds, DCM_RescaleType, st.rescale_type.empty() ? "US" : st.rescale_type);
    }
    if (st.window) {
        DcmItem& voi = newItem(ds, DCM_SoftcopyVOILUTSequence);
        put(voi, DCM_WindowCenter, decimal(st.window->first));
        put(voi, DCM_WindowWidth, decimal(std::max(st.window->second, 1.0)));
    }
    put(ds, DCM_PresentationLUTShape, st.inverse ? "INVERSE" : "IDENTITY");
    return detail::saveToBytes(ff, EXS_LittleEndianExplicit);
}

}  // namespace countyread::dicom
