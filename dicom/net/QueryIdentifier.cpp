#include "dicom/net/QueryIdentifier.h"

#include <dcmtk/dcmdata/dcuid.h>

namespace countyread::dicom::detail {

namespace {

constexpr Uint16 kIdentifierDoesNotMatchSopClass = 0xA900;
constexpr Uint16 kUnableToProcess = 0xC000;

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    size_t first = s.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : s.substr(first);
}

std::string stringOf(DcmElement& e) {
    OFString v;
    if (e.getOFStringArray(v).bad()) return {};
    return trim(std::string(v.c_str(), v.length()));
}

bool validUtf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xE  ? 3
                     : (c >> 3) == 0x1E ? 4
                                        : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

// Whether the identifier's text has non-ASCII bytes, and whether all of it is valid UTF-8.
void scanText(DcmItem& item, bool& non_ascii, bool& utf8) {
    for (unsigned long i = 0; i < item.card(); ++i) {
        DcmElement* e = item.getElement(i);
        if (e->ident() == EVR_SQ) {
            auto* seq = static_cast<DcmSequenceOfItems*>(e);
            for (unsigned long j = 0; j < seq->card(); ++j)
                scanText(*seq->getItem(j), non_ascii, utf8);
            continue;
        }
        if (!e->isAffectedBySpecificCharacterSet()) continue;
        auto v = stringOf(*e);
        for (unsigned char c : v)
            if (c >= 0x80) non_ascii = true;
        if (!validUtf8(v)) utf8 = false;
    }
}

Tag uniqueKeyOf(QueryLevel level) {
    switch (level) {
        case QueryLevel::Patient:
            return tags::PatientID;
        case QueryLevel::Study:
            return tags::StudyInstanceUID;
        case QueryLevel::Series:
            return tags::SeriesInstanceUID;
        case QueryLevel::Image:
            return tags::SOPInstanceUID;
    }
    return 0;
}

}  // namespace

std::optional<QueryModel> queryModelOf(const std::string& uid) {
    if (uid == UID_FINDPatientRootQueryRetrieveInformationModel ||
        uid == UID_MOVEPatientRootQueryRetrieveInformationModel ||
        uid == UID_GETPatientRootQueryRetrieveInformationModel)
        return QueryModel::PatientRoot;
    if (uid == UID_FINDStudyRootQueryRetrieveInformationModel ||
        uid == UID_MOVEStudyRootQueryRetrieveInformationModel ||
        uid == UID_GETStudyRootQueryRetrieveInformationModel)
        return QueryModel::StudyRoot;
    return std::nullopt;
}

Uint16 parseIdentifier(DcmDataset& ds, QueryModel model, QrService service, QueryRequest& request,
                       std::string& error) {
    OFString cs;
    ds.findAndGetOFStringArray(DCM_SpecificCharacterSet, cs);
    std::string charset = trim(cs.c_str());
    if (!charset.empty() && charset != "ISO_IR 192") {
        OFCondition c = ds.convertToUTF8();
        if (c.bad()) {
            error = "cannot decode Specific Character Set '" + charset + "': " + c.text();
            return kUnableToProcess;
        }
    } else if (charset.empty()) {
        // Many SCUs send UTF-8 (a UTF-8 terminal) or GB18030 (Chinese Windows) without saying.
        bool non_ascii = false, utf8 = true;
        scanText(ds, non_ascii, utf8);
        if (non_ascii && !utf8) {
            OFCondition c = ds.convertCharacterSet("GB18030", "ISO_IR 192");
            if (c.bad()) {
                error = std::string("identifier text is neither UTF-8 nor GB18030: ") + c.text();
                return kUnableToProcess;
            }
        }
    }

    OFString lvl;
    ds.findAndGetOFString(DCM_QueryRetrieveLevel, lvl);
    auto level = parseQueryLevel(lvl.c_str());
    if (!level) {
        error = "Query/Retrieve Level '" + std::string(lvl.c_str()) +
                "' is not PATIENT, STUDY, SERIES or IMAGE";
        return kIdentifierDoesNotMatchSopClass;
    }
    if (*level == QueryLevel::Patient && model == QueryModel::StudyRoot) {
        error = "the Study Root model has no PATIENT level";
        return kIdentifierDoesNotMatchSopClass;
    }
    request.model = model;
    request.level = *level;
    request.keys.clear();
    for (unsigned long i = 0; i < ds.card(); ++i) {
        DcmElement* e = ds.getElement(i);
        const DcmTag& t = e->getTag();
        if (t.getGroup() == 0x0002 || t.getElement() == 0x0000) continue;
        if (t == DCM_QueryRetrieveLevel || t == DCM_SpecificCharacterSet) continue;
        QueryKey k;
        k.tag = makeTag(t.getGroup(), t.getElement());
        k.vr = DcmVR(e->ident()).getVRName();
        if (e->ident() != EVR_SQ) k.value = stringOf(*e);
        request.keys.push_back(std::move(k));
    }
    if (service != QrService::Find) {
        Tag unique = uniqueKeyOf(*level);
        if (request.value(unique).empty()) {
            DcmTag tag(static_cast<Uint16>(unique >> 16), static_cast<Uint16>(unique & 0xFFFF));
            error = std::string("a retrieve at ") + toString(*level) + " level needs " +
                    tag.getTagName();
            return kIdentifierDoesNotMatchSopClass;
        }
    }
    return 0;
}

void buildResponse(DcmDataset& rsp, const QueryRequest& request, const QueryMatch& match,
                   const std::string& retrieve_ae) {
    rsp.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    rsp.putAndInsertString(DCM_QueryRetrieveLevel, toString(request.level));
    rsp.putAndInsertString(DCM_RetrieveAETitle, retrieve_ae.c_str());
    for (const auto& k : request.keys) {
        DcmTagKey key(static_cast<Uint16>(k.tag >> 16), static_cast<Uint16>(k.tag & 0xFFFF));
        if (key == DCM_RetrieveAETitle) continue;
        DcmTag tag(key);
        if (k.vr == "SQ") {
            rsp.insertEmptyElement(DcmTag(key, EVR_SQ));
            continue;
        }
        DcmEVR evr = tag.getEVR();
        if (evr == EVR_UNKNOWN || evr == EVR_UN || evr == EVR_UNKNOWN2B)
            tag.setVR(DcmVR(k.vr.c_str()));
        auto it = match.values.find(k.tag);
        const std::string value = it == match.values.end() ? std::string() : it->second;
        rsp.putAndInsertString(tag, value.c_str());
    }
}

void setErrorComment(DcmDataset& detail, const std::string& comment) {
    std::string c = comment.substr(0, 64);
    while (c.size() < comment.size() && !c.empty() &&
           (static_cast<unsigned char>(comment[c.size()]) & 0xC0) == 0x80)
        c.pop_back();  // do not cut a UTF-8 character in two
    detail.putAndInsertString(DCM_ErrorComment, c.c_str());
}

}  // namespace countyread::dicom::detail
