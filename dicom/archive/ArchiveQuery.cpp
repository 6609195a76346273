#include "dicom/archive/ArchiveQuery.h"

#include <map>
#include <mutex>

#include "dicom/query/QueryMatcher.h"

namespace countyread::dicom {

namespace {

// Attributes the index holds, the level they belong to and where they are.
struct Column {
    Tag tag;
    QueryLevel level;
    const char* expr;
    const char* vr;
    bool integer;
};

const Column kColumns[] = {
    {tags::PatientID, QueryLevel::Patient, "st.patient_id", "LO", false},
    {tags::PatientName, QueryLevel::Patient, "st.patient_name", "PN", false},
    {tags::PatientBirthDate, QueryLevel::Patient, "st.patient_birth_date", "DA", false},
    {tags::PatientSex, QueryLevel::Patient, "st.patient_sex", "CS", false},
    {tags::StudyInstanceUID, QueryLevel::Study, "st.study_uid", "UI", false},
    {tags::StudyDate, QueryLevel::Study, "st.study_date", "DA", false},
    {tags::StudyTime, QueryLevel::Study, "st.study_time", "TM", false},
    {tags::AccessionNumber, QueryLevel::Study, "st.accession_number", "SH", false},
    {tags::StudyDescription, QueryLevel::Study, "st.study_description", "LO", false},
    {tags::InstitutionName, QueryLevel::Study, "st.institution_name", "LO", false},
    {tags::SeriesInstanceUID, QueryLevel::Series, "se.series_uid", "UI", false},
    {tags::Modality, QueryLevel::Series, "se.modality", "CS", false},
    {tags::SeriesNumber, QueryLevel::Series, "se.series_number", "IS", true},
    {tags::SeriesDescription, QueryLevel::Series, "se.series_description", "LO", false},
    {tags::BodyPartExamined, QueryLevel::Series, "se.body_part", "CS", false},
    {tags::SOPInstanceUID, QueryLevel::Image, "i.sop_instance_uid", "UI", false},
    {tags::SOPClassUID, QueryLevel::Image, "i.sop_class_uid", "UI", false},
    {tags::InstanceNumber, QueryLevel::Image, "i.instance_number", "IS", true},
    {tags::Rows, QueryLevel::Image, "i.rows_", "US", true},
    {tags::Columns, QueryLevel::Image, "i.columns_", "US", true},
};

constexpr size_t kMaxListParameters = 500;

std::vector<const Column*> columnsUpTo(QueryLevel level) {
    std::vector<const Column*> out;
    for (const auto& c : kColumns)
        if (c.level <= level) out.push_back(&c);
    return out;
}

const char* fromClause(QueryLevel level) {
    switch (level) {
        case QueryLevel::Patient:
        case QueryLevel::Study:
            return " FROM studies st";
        case QueryLevel::Series:
            return " FROM series se JOIN studies st ON st.study_uid = se.study_uid";
        case QueryLevel::Image:
            return " FROM instances i JOIN series se ON se.series_uid = i.series_uid"
                   " JOIN studies st ON st.study_uid = i.study_uid";
    }
    return "";
}

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        size_t pos = s.find('\\', start);
        auto v = s.substr(start, pos == std::string::npos ? pos : pos - start);
        while (!v.empty() && v.back() == ' ') v.pop_back();
        while (!v.empty() && v.front() == ' ') v.erase(v.begin());
        if (!v.empty()) out.push_back(v);
        if (pos == std::string::npos) break;
        start = pos + 1;
    }
    return out;
}

bool isDate8(const std::string& s) {
    if (s.size() != 8) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

void appendEscaped(std::string& out, char c) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
}

// DICOM wildcards to LIKE: * -> %, ? -> _, LIKE's own specials escaped with '\'.
std::string likePattern(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '*')
            out.push_back('%');
        else if (c == '?')
            out.push_back('_');
        else
            appendEscaped(out, c);
    }
    return out;
}

// A loose pattern for person names that every match of QueryMatcher also satisfies: the key's
// characters in order with anything between them ('^' and '=' dropped, since a single
// component group or the name without '^' may match), ASCII lower-cased, and characters whose
// case the database might fold differently replaced by '_'.
std::string looseNamePattern(const std::string& key) {
    std::string out = "%";
    for (size_t i = 0; i < key.size();) {
        auto c = static_cast<unsigned char>(key[i]);
        size_t len = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xE  ? 3
                     : (c >> 3) == 0x1E ? 4
                                        : 1;
        if (i + len > key.size()) len = 1;
        if (c == '*' || c == '^' || c == '=' || c == ' ') {
            // nothing: the '%' around every character covers them
        } else if (c == '?') {
            out += "_%";
        } else if (c < 0x80) {
            appendEscaped(out, static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
            out.push_back('%');
        } else if (len == 3 && c >= 0xE3) {
            out.append(key, i, len);  // CJK and later BMP blocks: no case to fold
            out.push_back('%');
        } else {
            out += "_%";
        }
        i += len;
    }
    return out;
}

struct Where {
    std::vector<std::string> clauses;
    std::vector<SqlValue> params;

    std::string sql() const {
        std::string out;
        for (const auto& c : clauses) out += (out.empty() ? " WHERE " : " AND ") + c;
        return out;
    }

    // Adds a pre-filter that keeps at least every row QueryMatcher would accept.
    void add(const Column& c, const std::string& key) {
        if (key.empty() || key == "*" || c.integer) return;
        std::string vr = c.vr;
        std::string expr = c.expr;
        if (vr == "UI") {
            auto uids = splitList(key);
            if (uids.empty() || uids.size() > kMaxListParameters) return;
            std::string marks;
            for (auto& u : uids) {
                marks += marks.empty() ? "?" : ",?";
                params.emplace_back(u);
            }
            clauses.push_back(uids.size() == 1 ? expr + " = ?" : expr + " IN (" + marks + ")");
        } else if (vr == "DA") {
            std::string from, to;
            if (splitRange(key, from, to)) {
                if (isDate8(from)) {
                    clauses.push_back(expr + " >= ?");
                    params.emplace_back(from);
                }
                if (isDate8(to)) {
                    clauses.push_back(expr + " <= ?");
                    params.emplace_back(to);
                }
            } else if (isDate8(key)) {
                clauses.push_back(expr + " = ?");
                params.emplace_back(key);
            }
        } else if (vr == "PN") {
            if (key.find('\\') != std::string::npos) return;
            auto pattern = looseNamePattern(key);
            if (pattern.find_first_not_of('%') == std::string::npos) return;
            clauses.push_back("LOWER(" + expr + ") LIKE ? ESCAPE '\\'");
            params.emplace_back(pattern);
        } else if (vr != "TM") {
            if (key.find('\\') != std::string::npos) return;
            if (hasWildcards(key)) {
                clauses.push_back(expr + " LIKE ? ESCAPE '\\'");
                params.emplace_back(likePattern(key));
            } else {
                clauses.push_back(expr + " = ?");
                params.emplace_back(key);
            }
        }
    }
};

Where buildWhere(const QueryRequest& request, QueryLevel up_to,
                 const std::optional<std::string>& source_ae) {
    Where w;
    if (source_ae) {
        w.clauses.push_back("st.source_ae = ?");
        w.params.emplace_back(*source_ae);
    }
    for (const auto* c : columnsUpTo(up_to))
        if (const auto* k = request.key(c->tag)) w.add(*c, k->value);
    return w;
}

std::string selectList(const std::vector<const Column*>& cols) {
    std::string out;
    for (const auto* c : cols) out += (out.empty() ? "" : ", ") + std::string(c->expr);
    return out;
}

// The request with only the keys of `level` and above: lower-level keys select nothing.
QueryRequest keysUpTo(const QueryRequest& request, QueryLevel level) {
    QueryRequest scoped = request;
    std::erase_if(scoped.keys, [&](const QueryKey& k) {
        for (const auto& c : kColumns)
            if (c.tag == k.tag) return c.level > level;
        return k.tag != tags::ModalitiesInStudy || level != QueryLevel::Study;
    });
    return scoped;
}

QueryMatch rowToMatch(const Statement& q, const std::vector<const Column*>& cols) {
    QueryMatch m;
    for (size_t i = 0; i < cols.size(); ++i) {
        const auto* c = cols[i];
        int col = static_cast<int>(i);
        if (!c->integer) {
            m.values[c->tag] = q.text(col);
        } else {
            int64_t n = q.integer(col);
            bool unknown = n == 0 && (c->tag == tags::Rows || c->tag == tags::Columns);
            m.values[c->tag] = unknown ? std::string() : std::to_string(n);
        }
    }
    return m;
}

}  // namespace

ArchiveQuery::ArchiveQuery(std::shared_ptr<Database> db) : db_(std::move(db)) {}

std::vector<QueryMatch> ArchiveQuery::find(const QueryRequest& request,
                                           const std::optional<std::string>& source_ae) {
    const QueryLevel level = request.level;
    const QueryRequest scoped = keysUpTo(request, level);
    const QueryLevel table_level = level == QueryLevel::Patient ? QueryLevel::Study : level;
    auto cols = columnsUpTo(table_level);
    Where where = buildWhere(request, level, source_ae);

    std::string sql = "SELECT " + selectList(cols);
    if (table_level == QueryLevel::Study)
        sql +=
            ", st.instance_count, (SELECT COUNT(*) FROM series x WHERE x.study_uid = st.study_uid)";
    else if (table_level == QueryLevel::Series)
        sql += ", (SELECT COUNT(*) FROM instances x WHERE x.series_uid = se.series_uid)";
    sql += fromClause(table_level) + where.sql();
    switch (level) {
        case QueryLevel::Patient:
            sql += " ORDER BY st.received_at DESC, st.study_uid";
            break;
        case QueryLevel::Study:
            sql += " ORDER BY st.study_date, st.study_time, st.study_uid";
            break;
        case QueryLevel::Series:
            sql += " ORDER BY st.study_uid, se.series_number, se.series_uid";
            break;
        case QueryLevel::Image:
            sql +=
                " ORDER BY st.study_uid, se.series_number, se.series_uid, i.instance_number, "
                "i.sop_instance_uid";
            break;
    }

    std::vector<QueryMatch> rows;
    std::map<std::string, std::string> modalities;  // study UID -> "CT\SR"
    {
        std::lock_guard lock(db_->mutex());
        auto q = db_->prepare(sql);
        q.bindAll(where.params);
        const int extra = static_cast<int>(cols.size());
        while (q.step()) {
            auto m = rowToMatch(q, cols);
            if (table_level == QueryLevel::Study) {
                m.values[tags::NumberOfStudyRelatedInstances] = std::to_string(q.integer(extra));
                m.values[tags::NumberOfStudyRelatedSeries] = std::to_string(q.integer(extra + 1));
            } else if (table_level == QueryLevel::Series) {
                m.values[tags::NumberOfSeriesRelatedInstances] = std::to_string(q.integer(extra));
            }
            rows.push_back(std::move(m));
        }
        if (level == QueryLevel::Study && !rows.empty()) {
            auto mq = db_->prepare(
                "SELECT DISTINCT se.study_uid, se.modality FROM series se JOIN "
                "studies st ON st.study_uid = se.study_uid" +
                where.sql() + " ORDER BY se.study_uid, se.modality");
            mq.bindAll(where.params);
            while (mq.step()) {
                auto modality = mq.text(1);
                if (modality.empty()) continue;
                auto& list = modalities[mq.text(0)];
                list += (list.empty() ? "" : "\\") + modality;
            }
        }
    }

    std::vector<QueryMatch> out;
    if (level == QueryLevel::Patient) {
        // One entity per Patient ID: demographics from its latest study, counts over all of them.
        std::map<std::string, size_t> index;
        for (auto& row : rows) {
            if (!matchesRequest(scoped, row)) continue;
            const auto& pid = row.values[tags::PatientID];
            int64_t series = std::stoll(row.values[tags::NumberOfStudyRelatedSeries]);
            int64_t instances = std::stoll(row.values[tags::NumberOfStudyRelatedInstances]);
            auto [it, fresh] = index.try_emplace(pid, out.size());
            if (fresh) {
                QueryMatch p;
                for (const auto* c : columnsUpTo(QueryLevel::Patient))
                    p.values[c->tag] = row.values[c->tag];
                p.values[tags::NumberOfPatientRelatedStudies] = "0";
                p.values[tags::NumberOfPatientRelatedSeries] = "0";
                p.values[tags::NumberOfPatientRelatedInstances] = "0";
                out.push_back(std::move(p));
            }
            auto& v = out[it->second].values;
            auto bump = [&](Tag t, int64_t n) { v[t] = std::to_string(std::stoll(v[t]) + n); };
            bump(tags::NumberOfPatientRelatedStudies, 1);
            bump(tags::NumberOfPatientRelatedSeries, series);
            bump(tags::NumberOfPatientRelatedInstances, instances);
        }
        return out;
    }
    for (auto& row : rows) {
        if (level == QueryLevel::Study) {
            auto it = modalities.find(row.values[tags::StudyInstanceUID]);
            row.values[tags::ModalitiesInStudy] = it == modalities.end() ? "" : it->second;
        }
        if (matchesRequest(scoped, row)) out.push_back(std::move(row));
    }
    return out;
}

std::vector<StoredInstance> ArchiveQuery::instances(const QueryRequest& request,
                                                    const std::optional<std::string>& source_ae) {
    auto cols = columnsUpTo(QueryLevel::Image);
    Where where = buildWhere(request, request.level, source_ae);
    std::string sql = "SELECT " + selectList(cols) +
                      ", i.blob_key, i.transfer_syntax_uid, i.size_bytes, i.sha256, "
                      "i.source_ae, i.received_at, i.source_charset" +
                      fromClause(QueryLevel::Image) + where.sql() +
                      " ORDER BY st.study_uid, se.series_number, se.series_uid, "
                      "i.instance_number, i.sop_instance_uid";
    const QueryRequest scoped = keysUpTo(request, request.level);

    std::vector<StoredInstance> out;
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(sql);
    q.bindAll(where.params);
    const int extra = static_cast<int>(cols.size());
    while (q.step()) {
        auto m = rowToMatch(q, cols);
        if (!matchesRequest(scoped, m)) continue;
        StoredInstance s;
        auto& v = m.values;
        s.info.patient_id = v[tags::PatientID];
        s.info.patient_name = v[tags::PatientName];
        s.info.study_uid = v[tags::StudyInstanceUID];
        s.info.study_date = v[tags::StudyDate];
        s.info.series_uid = v[tags::SeriesInstanceUID];
        s.info.modality = v[tags::Modality];
        s.info.sop_instance_uid = v[tags::SOPInstanceUID];
        s.info.sop_class_uid = v[tags::SOPClassUID];
        s.info.instance_number = std::stoi(v[tags::InstanceNumber]);
        s.blob_key = q.text(extra);
        s.info.transfer_syntax_uid = q.text(extra + 1);
        s.size_bytes = q.integer(extra + 2);
        s.sha256 = q.text(extra + 3);
        s.source_ae = q.text(extra + 4);
        s.received_at = q.text(extra + 5);
        s.info.source_charset = q.text(extra + 6);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace countyread::dicom
