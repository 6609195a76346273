#pragma once
// Query/Retrieve in domain terms: what a C-FIND, C-MOVE or C-GET asks for and what answers it.
// No DCMTK types cross this boundary: tags are plain numbers and all text is UTF-8.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace countyread::dicom {

using Tag = uint32_t;  // (group << 16) | element
constexpr Tag makeTag(uint16_t group, uint16_t element) {
    return (static_cast<Tag>(group) << 16) | element;
}

enum class QueryLevel { Patient = 0, Study = 1, Series = 2, Image = 3 };
enum class QueryModel { PatientRoot, StudyRoot };

// "PATIENT", "STUDY", "SERIES", "IMAGE"
const char* toString(QueryLevel level);
std::optional<QueryLevel> parseQueryLevel(const std::string& text);

// One attribute of the request identifier.
struct QueryKey {
    Tag tag = 0;
    std::string vr;     // "PN", "DA", "UI", ...; "SQ" keys are returned empty and never matched
    std::string value;  // UTF-8 with padding removed; "" = universal matching (a return key)
};

struct QueryRequest {
    QueryModel model = QueryModel::StudyRoot;
    QueryLevel level = QueryLevel::Study;
    std::vector<QueryKey> keys;  // in identifier order, without Query/Retrieve Level and charset
    std::string calling_ae;

    const QueryKey* key(Tag tag) const;
    std::string value(Tag tag) const;  // "" when the key is absent
};

// One matching entity: its attribute values (UTF-8; several values joined by '\') by tag.
// The listener copies the requested ones into the C-FIND response.
struct QueryMatch {
    std::map<Tag, std::string> values;
};

// The attributes the archive matches and returns.
namespace tags {
// Patient
constexpr Tag PatientName = makeTag(0x0010, 0x0010);
constexpr Tag PatientID = makeTag(0x0010, 0x0020);
constexpr Tag PatientBirthDate = makeTag(0x0010, 0x0030);
constexpr Tag PatientSex = makeTag(0x0010, 0x0040);
constexpr Tag NumberOfPatientRelatedStudies = makeTag(0x0020, 0x1200);
constexpr Tag NumberOfPatientRelatedSeries = makeTag(0x0020, 0x1202);
constexpr Tag NumberOfPatientRelatedInstances = makeTag(0x0020, 0x1204);
// Study
constexpr Tag StudyInstanceUID = makeTag(0x0020, 0x000D);
constexpr Tag StudyDate = makeTag(0x0008, 0x0020);
constexpr Tag StudyTime = makeTag(0x0008, 0x0030);
constexpr Tag AccessionNumber = makeTag(0x0008, 0x0050);
constexpr Tag StudyDescription = makeTag(0x0008, 0x1030);
constexpr Tag InstitutionName = makeTag(0x0008, 0x0080);
constexpr Tag ModalitiesInStudy = makeTag(0x0008, 0x0061);
constexpr Tag NumberOfStudyRelatedSeries = makeTag(0x0020, 0x1206);
constexpr Tag NumberOfStudyRelatedInstances = makeTag(0x0020, 0x1208);
// Series
constexpr Tag SeriesInstanceUID = makeTag(0x0020, 0x000E);
constexpr Tag Modality = makeTag(0x0008, 0x0060);
constexpr Tag SeriesNumber = makeTag(0x0020, 0x0011);
constexpr Tag SeriesDescription = makeTag(0x0008, 0x103E);
constexpr Tag BodyPartExamined = makeTag(0x0018, 0x0015);
constexpr Tag NumberOfSeriesRelatedInstances = makeTag(0x0020, 0x1209);
// Image
constexpr Tag SOPInstanceUID = makeTag(0x0008, 0x0018);
constexpr Tag SOPClassUID = makeTag(0x0008, 0x0016);
constexpr Tag InstanceNumber = makeTag(0x0020, 0x0013);
constexpr Tag Rows = makeTag(0x0028, 0x0010);
constexpr Tag Columns = makeTag(0x0028, 0x0011);
// Identifier bookkeeping
constexpr Tag QueryRetrieveLevel = makeTag(0x0008, 0x0052);
constexpr Tag SpecificCharacterSet = makeTag(0x0008, 0x0005);
constexpr Tag RetrieveAETitle = makeTag(0x0008, 0x0054);
constexpr Tag FailedSOPInstanceUIDList = makeTag(0x0008, 0x0058);
}  // namespace tags

}  // namespace countyread::dicom
