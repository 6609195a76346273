#pragma once
// A prepared SQL statement with '?' placeholders, the same for every backend.
#include <memory>
#include <string>
#include <vector>

#include "dicom/archive/DatabaseTypes.h"

namespace countyread::dicom {

class Statement {
public:
    // What a backend implements; Statement is the movable handle callers hold.
    class Impl {
    public:
        virtual ~Impl() = default;
        virtual void bind(int index, const SqlValue& value) = 0;  // 1-based
        virtual bool step() = 0;
        virtual void reset() = 0;
        virtual std::string text(int column) const = 0;  // "" for NULL
        virtual int64_t integer(int column) const = 0;   // 0 for NULL
        virtual double real(int column) const = 0;
        virtual bool isNull(int column) const = 0;
        virtual int columns() const = 0;
    };

    explicit Statement(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

    Statement& bind(int index, const SqlValue& value);
    Statement& bindAll(const std::vector<SqlValue>& values);
    // Runs the statement on the first call; true while a row is available.
    bool step() { return impl_->step(); }
    // Ready to run again; bindings are cleared.
    void reset() { impl_->reset(); }

    std::string text(int column) const { return impl_->text(column); }
    int64_t integer(int column) const { return impl_->integer(column); }
    double real(int column) const { return impl_->real(column); }
    bool isNull(int column) const { return impl_->isNull(column); }
    int columns() const { return impl_->columns(); }  // known on every backend after step()

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace countyread::dicom
