// parsePresentationState: reading a GSPS (ours or another vendor's) into plain data.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

#include <map>

#include "dicom/model/DatasetAccess.h"
#include "dicom/pstate/PresentationState.h"

namespace countyread::dicom {
namespace {

constexpr const char* kGroupPrefix = "countyread:";

std::vector<DcmItem*> items(DcmItem& parent, const DcmTagKey& sequence) {
    std::vector<DcmItem*> out;
    DcmSequenceOfItems* seq = nullptr;
    if (parent.findAndGetSequence(sequence, seq).bad() || !seq) return out;
    for (unsigned long i = 0; i < seq->card(); ++i) out.push_back(seq->getItem(i));
    return out;
}

std::vector<PsPoint> points(DcmItem& item, const DcmTagKey& tag) {
    std::vector<PsPoint> out;
    const Float32* values = nullptr;
    unsigned long count = 0;
    if (item.findAndGetFloat32Array(tag, values, &count).good() && values) {
        for (unsigned long i = 0; i + 1 < count; i += 2) out.push_back({values[i], values[i + 1]});
        return out;
    }
    // Some writers use other numeric VRs: go through the strings.
    for (unsigned long i = 0;; i += 2) {
        Float64 x = 0, y = 0;
        if (item.findAndGetFloat64(tag, x, i).bad() || item.findAndGetFloat64(tag, y, i + 1).bad())
            break;
        out.push_back({x, y});
    }
    return out;
}

std::optional<PsPoint> point(DcmItem& item, const DcmTagKey& tag) {
    auto p = points(item, tag);
    if (p.empty()) return std::nullopt;
    return p.front();
}

PsGraphic::Type graphicType(const std::string& s) {
    if (s == "INTERPOLATED") return PsGraphic::Type::Interpolated;
    if (s == "CIRCLE") return PsGraphic::Type::Circle;
    if (s == "ELLIPSE") return PsGraphic::Type::Ellipse;
    if (s == "POINT") return PsGraphic::Type::Point;
    return PsGraphic::Type::Polyline;
}

std::vector<PsImage> referencedImages(DcmItem& item, const std::string& series_uid,
                                      const std::map<std::string, PsImage>& known) {
    std::vector<PsImage> out;
    for (DcmItem* ref : items(item, DCM_ReferencedImageSequence)) {
        PsImage image;
        image.sop_class_uid = detail::getString(*ref, DCM_ReferencedSOPClassUID);
        image.sop_instance_uid = detail::getString(*ref, DCM_ReferencedSOPInstanceUID);
        image.frame = detail::getInt(*ref, DCM_ReferencedFrameNumber, 0);
        image.series_uid = series_uid;
        if (auto it = known.find(image.sop_instance_uid); it != known.end()) {
            image.series_uid = it->second.series_uid;
        }
        out.push_back(image);
    }
    return out;
}

std::string groupKey(DcmItem& object, int fallback) {
    Uint32 id = 0;
    if (object.findAndGetUint32(DCM_GraphicGroupID, id).good()) return "g" + std::to_string(id);
    if (object.findAndGetUint32(DCM_CompoundGraphicInstanceID, id).good())
        return "c" + std::to_string(id);
    return "o" + std::to_string(fallback);
}

}  // namespace

PresentationState parsePresentationState(const Bytes& part10) {
    DcmFileFormat ff;
    detail::loadFromBytes(ff, part10);
    DcmDataset& ds = *ff.getDataset();
    PresentationState st;
    st.study = detail::extractInfo(ds, "");  // converts the text to UTF-8
    if (st.study.sop_class_uid.rfind("1.2.840.10008.5.1.4.1.1.11.", 0) != 0)
        throw DicomError("not a presentation state (SOP Class " + st.study.sop_class_uid + ")");
    st.sop_instance_uid = st.study.sop_instance_uid;
    st.series_uid = st.study.series_uid;
    st.series_number = st.study.series_number;
    st.instance_number = st.study.instance_number;
    st.content_label = detail::getString(ds, DCM_ContentLabel);
    st.content_description = detail::getString(ds, DCM_ContentDescription);
    st.creator_name = detail::getString(ds, DCM_ContentCreatorName);
    st.creation_date = detail::getString(ds, DCM_PresentationCreationDate);
    st.creation_time = detail::getString(ds, DCM_PresentationCreationTime);

    std::map<std::string, PsImage> known;
    for (DcmItem* series : items(ds, DCM_ReferencedSeriesSequence)) {
        const std::string uid = detail::getString(*series, DCM_SeriesInstanceUID);
        for (auto& image : referencedImages(*series, uid, known)) {
            known[image.sop_instance_uid] = image;
            st.images.push_back(image);
        }
    }

    std::map<std::string, std::string> labels;  // "g<id>" -> Graphic Group Label
    for (DcmItem* group : items(ds, DCM_GraphicGroupSequence)) {
        Uint32 id = 0;
        if (group->findAndGetUint32(DCM_GraphicGroupID, id).good())
            labels["g" + std::to_string(id)] = detail::getString(*group, DCM_GraphicGroupLabel);
    }

    std::map<std::string, std::size_t> image_index;  // "uid#frame" -> st.annotations index
    int object_counter = 0;
    for (DcmItem* item : items(ds, DCM_GraphicAnnotationSequence)) {
        const std::string layer = detail::getString(*item, DCM_GraphicLayer);
        std::vector<PsImage> targets = referencedImages(*item, "", known);
        if (targets.empty()) targets = st.images;  // no reference: every image of the state
        std::map<std::string, PsAnnotation> groups;
        std::vector<std::string> order;
        auto groupFor = [&](DcmItem& object) -> PsAnnotation& {
            const std::string key = groupKey(object, ++object_counter);
            auto [it, inserted] = groups.try_emplace(key);
            if (inserted) {
                order.push_back(key);
                it->second.layer = layer;
                auto label = labels.find(key);
                if (label != labels.end() && label->second.rfind(kGroupPrefix, 0) == 0)
                    it->second.kind = label->second.substr(std::string(kGroupPrefix).size());
            }
            return it->second;
        };
        for (DcmItem* object : items(*item, DCM_GraphicObjectSequence)) {
            if (detail::getString(*object, DCM_GraphicAnnotationUnits) == "DISPLAY") continue;
            PsGraphic g;
            g.type = graphicType(detail::getString(*object, DCM_GraphicType));
            g.points = points(*object, DCM_GraphicData);
            g.filled = detail::getString(*object, DCM_GraphicFilled) == "Y";
            if (!g.points.empty()) groupFor(*object).graphics.push_back(std::move(g));
        }
        for (DcmItem* object : items(*item, DCM_TextObjectSequence)) {
            PsText t;
            t.text = detail::getString(*object, DCM_UnformattedTextValue);
            if (detail::getString(*object, DCM_AnchorPointAnnotationUnits) != "DISPLAY")
                t.anchor = point(*object, DCM_AnchorPoint);
            t.anchor_visible = detail::getString(*object, DCM_AnchorPointVisibility) == "Y";
            if (detail::getString(*object, DCM_BoundingBoxAnnotationUnits) != "DISPLAY") {
                auto tl = point(*object, DCM_BoundingBoxTopLeftHandCorner);
                auto br = point(*object, DCM_BoundingBoxBottomRightHandCorner);
                if (tl && br) t.box = std::make_pair(*tl, *br);
            }
            if (t.anchor || t.box) groupFor(*object).texts.push_back(std::move(t));
        }
        for (const auto& image : targets) {
            const std::string key = image.sop_instance_uid + "#" + std::to_string(image.frame);
            auto [it, inserted] = image_index.try_emplace(key, st.annotations.size());
            if (inserted) {
                PsImageAnnotations entry;
                entry.image = image;
                st.annotations.push_back(entry);
            }
            for (const auto& k : order) st.annotations[it->second].annotations.push_back(groups[k]);
        }
    }

    auto voi = items(ds, DCM_SoftcopyVOILUTSequence);
    if (!voi.empty()) {
        Float64 c = 0, w = 0;
        if (voi.front()->findAndGetFloat64(DCM_WindowCenter, c).good() &&
            voi.front()->findAndGetFloat64(DCM_WindowWidth, w).good() && w > 0)
            st.window = std::make_pair(c, w);
    }
    st.rotation = detail::getInt(ds, DCM_ImageRotation, 0);
    st.horizontal_flip = detail::getString(ds, DCM_ImageHorizontalFlip) == "Y";
    st.inverse = detail::getString(ds, DCM_PresentationLUTShape) == "INVERSE";
    Float64 slope = 0, intercept = 0;
    if (ds.findAndGetFloat64(DCM_RescaleSlope, slope).good() &&
        ds.findAndGetFloat64(DCM_RescaleIntercept, intercept).good())
        st.rescale = std::make_pair(slope, intercept);
    st.rescale_type = detail::getString(ds, DCM_RescaleType);
    return st;
}

}  // namespace countyread::dicom
