#include "worklist/WorklistQuery.h"

#include <algorithm>
#include <cstdio>
#include <list>
#include <map>
#include <mutex>
#include <stdexcept>

#include "dicom/archive/Archive.h"
#include "worklist/WorklistStore.h"

namespace countyread::worklist {

using dicom::SqlValue;

namespace {

const char* kUnread = "('received','assigned','in_reading')";

// WHERE clause pieces with their values, in order.
struct Where {
    std::string sql = " WHERE 1=1";
    std::vector<SqlValue> values;
    void add(const std::string& clause, std::vector<SqlValue> v = {}) {
        sql += " AND " + clause;
        values.insert(values.end(), v.begin(), v.end());
    }
    void anyOf(const std::string& column, const std::vector<std::string>& options) {
        if (options.empty()) return;
        std::string in = column + " IN (";
        for (size_t i = 0; i < options.size(); ++i) {
            in += i ? ",?" : "?";
            values.push_back(options[i]);
        }
        sql += " AND " + in + ")";
    }
    void township(const std::string& t) {
        if (!t.empty()) add("township = ?", {t});
    }
};

std::string likePattern(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

std::string orderBy(const std::string& sort, bool desc) {
    static const std::map<std::string, std::string> keys{
        {"priority", "CASE priority WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END"},
        {"received_at", "received_at"},
        {"deadline", "deadline_at"},
        {"state", "state"},
        {"township", "township"},
        {"modality", "modality"},
        {"patient_name", "patient_name"},
        {"assigned_to", "assigned_to"},
        {"updated_at", "updated_at"},
    };
    auto it = keys.find(sort.empty() ? "priority" : sort);
    if (it == keys.end()) throw std::invalid_argument("unknown sort key '" + sort + "'");
    std::string dir = desc ? " DESC" : " ASC";
    std::string out = " ORDER BY " + it->second + dir;
    if (it->first == "priority") out += ", deadline_at ASC";  // then the most urgent deadline
    // Ties by receipt, then uid (a key already ordered by is not repeated: the same order, and one
    // an index on (received_at, study_uid) gives).
    if (it->first != "received_at") out += ", received_at ASC";
    return out + ", study_uid ASC";
}

template <typename Fn>
auto read(dicom::Database& db, Fn&& fn) {
    std::lock_guard lock(db.mutex());
    return fn();
}

// The items samples() reports, received in [from, to) (either may be empty): fn(row, received,
// signed) per item with a readable received_at; row columns: township, signed_by, modality,
// priority, received_at. The caller holds the database (read() or a unit).
template <typename Fn>
void scanSamples(dicom::Database& db, const std::string& from, const std::string& to, const std::string& township,
                 Fn&& fn) {
    Where w;
    w.add("complete = 1 AND state <> 'cancelled' AND state <> 'returned'");
    if (!from.empty()) w.add("received_at >= ?", {from});
    if (!to.empty()) w.add("received_at < ?", {to});
    w.township(township);
    auto q = db.prepare("SELECT township, signed_by, modality, priority, received_at, signed_at "
                        "FROM reading_items" + w.sql);
    q.bindAll(w.values);
    while (q.step()) {
        auto received = parseIso8601(q.text(4));
        if (!received) continue;
        fn(q, *received, parseIso8601(q.text(5)));
    }
}

void addFact(TurnaroundFacts& facts, dicom::Statement& q, Instant received, std::optional<Instant> signed_at) {
    facts.add(q.text(0), q.text(1), q.text(2), priorityFromString(q.text(3)).value_or(Priority::Routine), received,
              signed_at);
}

// FNV-1a (64 bits) in hex: tells versions of a kept day apart.
std::string digestOf(std::string_view text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// Kept days decoded, shared by this process's WorklistQuery objects (the dashboard asks for the
// same period every few seconds, and a year of facts is ~30 MB to read and decode). A block is
// used only while turnaround_days holds every one of its days in the same version.
struct KeptBlock {
    std::string key;  // database, first day, number of days
    std::vector<std::string> digests;
    std::shared_ptr<const TurnaroundFacts> facts;
};
std::mutex g_blocks_mutex;
std::list<KeptBlock> g_blocks;  // the most recently used first
constexpr std::size_t kBlocksHeld = 3;

std::shared_ptr<const TurnaroundFacts> keptBlock(const std::string& key, const std::vector<std::string>& digests) {
    if (std::find(digests.begin(), digests.end(), std::string()) != digests.end()) return nullptr;
    std::lock_guard lock(g_blocks_mutex);
    for (auto it = g_blocks.begin(); it != g_blocks.end(); ++it) {
        if (it->key != key || it->digests != digests) continue;
        g_blocks.splice(g_blocks.begin(), g_blocks, it);
        return it->facts;
    }
    return nullptr;
}

void keepBlock(const std::string& key, const std::vector<std::string>& digests,
               std::shared_ptr<const TurnaroundFacts> facts) {
    if (std::find(digests.begin(), digests.end(), std::string()) != digests.end()) return;
    std::lock_guard lock(g_blocks_mutex);
    g_blocks.remove_if([&](const KeptBlock& b) { return b.key == key; });
    g_blocks.push_front({key, digests, std::move(facts)});
    if (g_blocks.size() > kBlocksHeld) g_blocks.pop_back();
}

constexpr auto kDay = std::chrono::days{1};
constexpr auto kBeijingOffset = std::chrono::hours{8};
// How long after its end a day's items are taken as settled (kept in turnaround_days).
constexpr auto kSettled = std::chrono::hours{24};
// Days built in one unit when they are not kept yet.
constexpr int kDaysPerBuild = 31;

// The first Beijing midnight at or after t.
Instant beijingMidnightFrom(Instant t) {
    Instant m = std::chrono::floor<std::chrono::days>(t + kBeijingOffset) - kBeijingOffset;
    return m < t ? m + kDay : m;
}

// The Beijing date that starts at `midnight`.
std::string beijingDate(Instant midnight) { return isoMillis(midnight + kBeijingOffset).substr(0, 10); }

// The settled Beijing days that lie within [from, to) (as the database compares the text):
// `days` days from `first`, none when either bound or `now` is not a time.
struct SettledDays {
    Instant first{};
    int days = 0;
};
SettledDays settledDays(const std::string& from, const std::string& to, const std::string& now) {
    SettledDays out;
    auto from_t = parseIso8601(from), to_t = parseIso8601(to), now_t = parseIso8601(now.empty() ? dicom::nowIso8601() : now);
    if (!from_t || !to_t || !now_t) return out;
    out.first = beijingMidnightFrom(*from_t);
    Instant last = std::min(*to_t, *now_t - kSettled);
    if (last > out.first) out.days = static_cast<int>(std::chrono::floor<std::chrono::days>(last - out.first).count());
    if (out.days > 0 && !(from <= isoMillis(out.first) && isoMillis(out.first + out.days * kDay) <= to)) out.days = 0;
    return out;
}

// The Beijing midnight that starts a date written as YYYY-MM-DD.
std::optional<Instant> beijingMidnightOf(const std::string& date) {
    if (date.size() != 10) return std::nullopt;
    auto t = parseIso8601(date + "T00:00:00+08:00");
    if (!t || beijingDate(*t) != date) return std::nullopt;
    return t;
}

}  // namespace

WorklistPage WorklistQuery::list(const WorklistFilter& f) {
    Where w;
    if (!f.include_incomplete) w.add("complete = 1");
    w.anyOf("state", f.states);
    w.anyOf("priority", f.priorities);
    w.anyOf("modality", f.modalities);
    w.anyOf("township", f.townships);
    if (!f.assigned_to.empty()) w.add("assigned_to = ?", {f.assigned_to});
    if (f.scope == "mine") w.add("assigned_to = ?", {f.user});
    else if (f.scope == "pool") w.add("assigned_to = '' AND state = 'received'");
    else if (f.scope == "mine_or_pool") w.add("(assigned_to = ? OR (assigned_to = '' AND state = 'received'))", {f.user});
    if (!f.from.empty()) w.add("received_at >= ?", {f.from});
    if (!f.to.empty()) w.add("received_at < ?", {f.to});
    if (!f.q.empty()) {
        auto p = likePattern(f.q);
        w.add("(LOWER(patient_name) LIKE LOWER(?) ESCAPE '\\' OR LOWER(patient_id) LIKE LOWER(?) ESCAPE '\\')",
              {p, p});
    }
    if (f.overdue) w.add(std::string("state IN ") + kUnread + " AND deadline_at <> '' AND deadline_at <= ?", {f.now});
    else if (f.at_risk) w.add(std::string("state IN ") + kUnread + " AND at_risk_at <> '' AND at_risk_at <= ?", {f.now});
    if (f.critical) w.add("critical > 0");
    auto order = orderBy(f.sort, f.descending);
    // Only a period (the CSV export, a period's list): its settled days' totals are kept.
    const bool period_only = !f.include_incomplete && f.states.empty() && f.priorities.empty() && f.modalities.empty() &&
                             f.townships.empty() && f.assigned_to.empty() && f.scope.empty() && f.q.empty() &&
                             !f.overdue && !f.at_risk && !f.critical;
    auto span = period_only ? settledDays(f.from, f.to, f.now) : SettledDays{};
    int64_t kept_total = 0;
    if (span.days > 0)
        for (auto n : keptDays(span.first, span.days, false).listed) kept_total += n;
    auto count = [&](const Where& where) {
        auto q = db_->prepare("SELECT COUNT(*) FROM reading_items" + where.sql);
        q.bindAll(where.values);
        return q.step() ? q.integer(0) : int64_t{0};
    };
    return read(*db_, [&] {
        WorklistPage page;
        if (span.days > 0) {
            Where head, tail;
            head.add("complete = 1 AND received_at >= ? AND received_at < ?", {f.from, isoMillis(span.first)});
            tail.add("complete = 1 AND received_at >= ? AND received_at < ?",
                     {isoMillis(span.first + span.days * kDay), f.to});
            page.total = count(head) + kept_total + count(tail);
        } else {
            page.total = count(w);
        }
        auto values = w.values;
        values.push_back(int64_t{std::max(0, f.limit)});
        values.push_back(int64_t{std::max(0, f.offset)});
        // The page's uids first (from an index where one has the order), then their rows: the rows
        // skipped by OFFSET are never read.
        auto q = db_->prepare(std::string("SELECT ") + worklistRowColumns() +
                              " FROM reading_items WHERE study_uid IN (SELECT study_uid FROM reading_items" + w.sql +
                              order + " LIMIT ? OFFSET ?)" + order);
        q.bindAll(values);
        while (q.step()) page.rows.push_back(worklistRowFrom(q));
        return page;
    });
}

// From reading_item_counts, kept in step with reading_items by its triggers (migration 006).
std::vector<QueueCount> WorklistQuery::queueCounts(const std::string& township) {
    Where w;
    w.add("complete = 1");
    w.township(township);
    return read(*db_, [&] {
        auto q = db_->prepare("SELECT state, priority, SUM(items) FROM reading_item_counts" + w.sql +
                              " GROUP BY state, priority HAVING SUM(items) > 0 ORDER BY state, priority");
        q.bindAll(w.values);
        std::vector<QueueCount> out;
        while (q.step()) out.push_back({q.text(0), q.text(1), q.integer(2)});
        return out;
    });
}

int64_t WorklistQuery::countAtRisk(const std::string& now, const std::string& township) {
    Where w;
    w.add(std::string("state IN ") + kUnread + " AND complete = 1 AND at_risk_at <> '' AND at_risk_at <= ? AND "
          "deadline_at > ?", {now, now});
    w.township(township);
    return read(*db_, [&] {
        auto q = db_->prepare("SELECT COUNT(*) FROM reading_items" + w.sql);
        q.bindAll(w.values);
        return q.step() ? q.integer(0) : int64_t{0};
    });
}

int64_t WorklistQuery::countOverdue(const std::string& now, const std::string& township) {
    Where w;
    w.add(std::string("state IN ") + kUnread + " AND complete = 1 AND deadline_at <> '' AND deadline_at <= ?", {now});
    w.township(township);
    return read(*db_, [&] {
        auto q = db_->prepare("SELECT COUNT(*) FROM reading_items" + w.sql);
        q.bindAll(w.values);
        return q.step() ? q.integer(0) : int64_t{0};
    });
}

int64_t WorklistQuery::countIncomplete() {
    return read(*db_, [&] {
        auto q = db_->prepare("SELECT COUNT(*) FROM reading_items WHERE complete = 0");
        return q.step() ? q.integer(0) : int64_t{0};
    });
}

int64_t WorklistQuery::pendingDeliveries() {
    return read(*db_, [&] {
        auto q = db_->prepare("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'");
        return q.step() ? q.integer(0) : int64_t{0};
    });
}

std::vector<TurnaroundSample> WorklistQuery::samples(const std::string& from, const std::string& to,
                                                     const std::string& township) {
    return read(*db_, [&] {
        std::vector<TurnaroundSample> out;
        scanSamples(*db_, from, to, township, [&](dicom::Statement& q, Instant received, std::optional<Instant> signed_at) {
            TurnaroundSample s;
            s.township = q.text(0);
            s.radiologist = q.text(1);
            s.modality = q.text(2);
            s.priority = priorityFromString(q.text(3)).value_or(Priority::Routine);
            s.received_at = received;
            s.signed_at = signed_at;
            out.push_back(std::move(s));
        });
        return out;
    });
}

void WorklistQuery::readFacts(const std::string& from, const std::string& to, const std::string& township,
                              TurnaroundFacts& out) {
    if (!from.empty() && !to.empty() && from >= to) return;
    read(*db_, [&] {
        scanSamples(*db_, from, to, township, [&](dicom::Statement& q, Instant received, std::optional<Instant> signed_at) {
            addFact(out, q, received, signed_at);
        });
    });
}

WorklistQuery::KeptDays WorklistQuery::keptDays(Instant first, int days, bool with_facts) {
    std::vector<std::string> bounds;  // day k: received_at in [bounds[k], bounds[k + 1])
    for (int k = 0; k <= days; ++k) bounds.push_back(isoMillis(first + k * kDay));
    auto dayOf = [&](const std::string& at) {  // the k whose range holds `at` (bounds[0] <= at < bounds[days])
        auto k = std::upper_bound(bounds.begin(), bounds.end(), at) - bounds.begin() - 1;
        return static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(k, 0, days - 1));
    };
    KeptDays out;
    for (int k = 0; k < days; ++k) out.volumes.push_back({beijingDate(first + k * kDay), 0, 0});
    out.listed.assign(static_cast<std::size_t>(days), 0);
    // A row is day k's when its range is the day's range (columns: day, range_start, range_end,
    // volume_received, volume_signed, listed, digest).
    auto take = [&](dicom::Statement& q) -> std::optional<std::size_t> {
        auto k = dayOf(q.text(1));
        if (bounds[k] != q.text(1) || bounds[k + 1] != q.text(2) || q.text(0) != out.volumes[k].day) return std::nullopt;
        out.volumes[k].received = q.integer(3);
        out.volumes[k].signed_count = q.integer(4);
        out.listed[k] = q.integer(5);
        return k;
    };
    const std::vector<SqlValue> range{out.volumes.front().day, out.volumes.back().day};
    const std::string block_key = db_->describe() + "|" + out.volumes.front().day + "|" + std::to_string(days);

    std::vector<std::string> digests(static_cast<std::size_t>(days));  // "" = not kept
    read(*db_, [&] {
        auto q = db_->prepare("SELECT day, range_start, range_end, volume_received, volume_signed, listed, digest "
                              "FROM turnaround_days WHERE day >= ? AND day <= ?");
        q.bindAll(range);
        while (q.step())
            if (auto k = take(q)) digests[*k] = q.text(6);
    });
    auto all_kept = std::find(digests.begin(), digests.end(), std::string()) == digests.end();
    if (!with_facts && all_kept) return out;
    // Every day kept, in the versions this process holds decoded: nothing more to read.
    if (with_facts && (out.facts = keptBlock(block_key, digests))) return out;

    std::shared_ptr<TurnaroundFacts> facts;
    if (with_facts) {
        facts = std::make_shared<TurnaroundFacts>();
        std::fill(digests.begin(), digests.end(), std::string());
        read(*db_, [&] {
            auto total = db_->prepare("SELECT SUM(items) FROM turnaround_days WHERE day >= ? AND day <= ?");
            total.bindAll(range);
            facts->reserve(static_cast<std::size_t>(total.step() ? std::max<int64_t>(0, total.integer(0)) : 0));
            auto q = db_->prepare("SELECT day, range_start, range_end, volume_received, volume_signed, listed, digest, "
                                  "facts FROM turnaround_days WHERE day >= ? AND day <= ?");
            q.bindAll(range);
            while (q.step()) {
                auto k = take(q);
                if (k && digests[*k].empty() && facts->appendEncoded(q.text(7), first + static_cast<int>(*k) * kDay))
                    digests[*k] = q.text(6);
            }
        });
    }
    // The days not kept yet, built from reading_items in runs of consecutive days.
    for (std::size_t k = 0; k < digests.size();) {
        if (!digests[k].empty()) {
            ++k;
            continue;
        }
        std::size_t end = k;
        while (end < digests.size() && digests[end].empty() && end - k < kDaysPerBuild) ++end;
        std::vector<TurnaroundFacts> built;
        buildDays(bounds, k, end, built, digests, out.volumes, out.listed);
        if (facts)
            for (const auto& day : built) facts->append(day);
        k = end;
    }
    if (facts) keepBlock(block_key, digests, facts);
    out.facts = facts;
    return out;
}

// In one unit, so that the build and a concurrent write to one of its items exclude each other
// (SQLite: one writer; PostgreSQL: SERIALIZABLE) and a kept day never misses a change.
void WorklistQuery::buildDays(const std::vector<std::string>& bounds, std::size_t k, std::size_t end,
                              std::vector<TurnaroundFacts>& built, std::vector<std::string>& digests,
                              std::vector<DayVolume>& volumes, std::vector<int64_t>& listed) {
    auto dayOf = [&](const std::string& at) {
        auto d = std::upper_bound(bounds.begin() + static_cast<std::ptrdiff_t>(k),
                                  bounds.begin() + static_cast<std::ptrdiff_t>(end) + 1, at) - bounds.begin() - 1;
        return static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(d, static_cast<std::ptrdiff_t>(k),
                                                                   static_cast<std::ptrdiff_t>(end) - 1));
    };
    db_->transaction([&] {
        built.assign(end - k, TurnaroundFacts{});
        for (std::size_t d = k; d < end; ++d) {
            digests[d].clear();
            volumes[d].received = volumes[d].signed_count = 0;
            listed[d] = 0;
        }
        scanSamples(*db_, bounds[k], bounds[end], "",
                    [&](dicom::Statement& q, Instant received, std::optional<Instant> signed_at) {
                        addFact(built[dayOf(q.text(4)) - k], q, received, signed_at);
                    });
        {
            auto q = db_->prepare("SELECT received_day, COUNT(*), SUM(CASE WHEN signed_at <> '' THEN 1 ELSE 0 END) "
                                  "FROM reading_items WHERE complete = 1 AND received_day >= ? AND received_day <= ? "
                                  "GROUP BY received_day");
            q.bindAll({volumes[k].day, volumes[end - 1].day});
            while (q.step())
                for (std::size_t d = k; d < end; ++d)
                    if (volumes[d].day == q.text(0)) volumes[d] = {volumes[d].day, q.integer(1), q.integer(2)};
        }
        {
            auto q = db_->prepare("SELECT received_at FROM reading_items WHERE complete = 1 AND received_at >= ? AND "
                                  "received_at < ?");
            q.bindAll({bounds[k], bounds[end]});
            while (q.step()) ++listed[dayOf(q.text(0))];
        }
        auto keep = db_->prepare(
            "INSERT INTO turnaround_days (day, range_start, range_end, items, facts, digest, volume_received, "
            "volume_signed, listed, built_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET "
            "range_start = excluded.range_start, range_end = excluded.range_end, items = excluded.items, "
            "facts = excluded.facts, digest = excluded.digest, volume_received = excluded.volume_received, "
            "volume_signed = excluded.volume_signed, listed = excluded.listed, built_at = excluded.built_at");
        const std::string built_at = dicom::nowIso8601();
        for (std::size_t d = k; d < end; ++d) {
            auto text = built[d - k].encode(*parseIso8601(bounds[d]));
            if (text.empty()) continue;  // a time too far off to write: read from reading_items each time
            digests[d] = digestOf(text);
            keep.bindAll({volumes[d].day, bounds[d], bounds[d + 1], static_cast<int64_t>(built[d - k].size()), text,
                          digests[d], volumes[d].received, volumes[d].signed_count, listed[d], built_at});
            keep.step();
            keep.reset();
        }
    });
}

TurnaroundReport WorklistQuery::turnaround(const std::string& from, const std::string& to, const std::string& township,
                                           const std::string& now, const TurnaroundPolicy& policy) {
    auto from_t = parseIso8601(from), to_t = parseIso8601(to), now_t = parseIso8601(now);
    TurnaroundFacts facts;
    std::shared_ptr<const TurnaroundFacts> kept;
    auto span = township.empty() && now_t ? settledDays(from, to, now) : SettledDays{};
    if (span.days > 0) {
        readFacts(from, isoMillis(span.first), township, facts);
        kept = keptDays(span.first, span.days, true).facts;
        readFacts(isoMillis(span.first + span.days * kDay), to, township, facts);
    } else {
        readFacts(from, to, township, facts);
    }
    Instant lo = from_t ? *from_t : Instant::min();
    Instant hi = Instant::max();
    if (to_t) hi = std::min(hi, *to_t);
    if (now_t) hi = std::min(hi, *now_t);
    return turnaroundReport({kept.get(), &facts}, lo, hi, policy);
}

std::vector<DayVolume> WorklistQuery::dailyVolume(const std::string& from_day, const std::string& to_day,
                                                  const std::string& township, const std::string& now) {
    auto direct = [&](const std::string& from, std::vector<DayVolume>& out) {
        Where w;
        w.add("complete = 1 AND received_day >= ? AND received_day <= ?", {from, to_day});
        w.township(township);
        read(*db_, [&] {
            auto q = db_->prepare("SELECT received_day, COUNT(*), SUM(CASE WHEN signed_at <> '' THEN 1 ELSE 0 END) "
                                  "FROM reading_items" + w.sql + " GROUP BY received_day ORDER BY received_day");
            q.bindAll(w.values);
            while (q.step()) out.push_back({q.text(0), q.integer(1), q.integer(2)});
        });
    };
    std::vector<DayVolume> out;
    // County-wide, the settled days come from turnaround_days (kept or built); the rest is counted.
    auto first = beijingMidnightOf(from_day), last = beijingMidnightOf(to_day);
    auto now_t = parseIso8601(now.empty() ? dicom::nowIso8601() : now);
    int days = 0;
    if (township.empty() && first && last && now_t && *first <= *last)
        while (*first + (days + 1) * kDay <= std::min(*last + kDay, *now_t - kSettled)) ++days;
    if (days == 0) {
        direct(from_day, out);
        return out;
    }
    for (const auto& v : keptDays(*first, days, false).volumes)
        if (v.received > 0) out.push_back(v);
    direct(beijingDate(*first + days * kDay), out);
    return out;
}

std::vector<CriticalFindingRow> WorklistQuery::criticalFindings(const std::string& from, const std::string& to,
                                                                const std::string& township, bool only_open) {
    Where w;
    if (!from.empty()) w.add("flagged_at >= ?", {from});
    if (!to.empty()) w.add("flagged_at < ?", {to});
    w.township(township);
    if (only_open) w.add("acknowledged_at = ''");
    return read(*db_, [&] {
        auto q = db_->prepare("SELECT id, study_uid, township, finding, flagged_by, flagged_at, acknowledged_by, "
                              "acknowledged_at, ack_seconds FROM critical_findings" + w.sql + " ORDER BY flagged_at");
        q.bindAll(w.values);
        std::vector<CriticalFindingRow> out;
        while (q.step())
            out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6),
                           q.text(7), q.isNull(8) ? -1 : q.integer(8)});
        return out;
    });
}

}  // namespace countyread::worklist
