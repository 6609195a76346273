#pragma once
// Time for the reading workflow: UTC instants in whole seconds, read through a Clock so that
// rules can be tested (FakeClock) and replayed (the simulation drives a FakeClock).
#include <chrono>
#include <optional>
#include <string>

namespace countyread::worklist {

using Instant = std::chrono::sys_seconds;  // UTC, seconds since the Unix epoch
using Seconds = std::chrono::seconds;

class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
public:
    Instant now() const override;
};

class FakeClock final : public Clock {
public:
    explicit FakeClock(Instant start = Instant{}) : now_(start) {}
    Instant now() const override { return now_; }
    void set(Instant t) { now_ = t; }
    void advance(Seconds d) { now_ += d; }

private:
    Instant now_;
};

// "2024-05-01T08:30:00Z" (fractions of a second are dropped when parsing; an offset such as
// "+08:00" is honoured). nullopt for anything else, including an empty string.
std::optional<Instant> parseIso8601(const std::string& text);
std::string toIso8601(Instant t);

}  // namespace countyread::worklist
