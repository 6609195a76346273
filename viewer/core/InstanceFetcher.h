#pragma once
// Where the bytes of an instance come from (a data-source adapter, as OHIF's
// IWebApiDataSource): the server over HTTP, the local cache in front of it, or local files in
// the benchmark. One fetcher per loading thread; fetch() throws on failure.
#include <memory>
#include <string>
#include <vector>

#include "viewer/core/InstanceCache.h"
#include "viewer/core/ServerClient.h"

namespace countyread::viewer {

class InstanceFetcher {
public:
    virtual ~InstanceFetcher() = default;
    virtual Bytes fetch(const std::string& sop_instance_uid) = 0;
};

// GET /api/v1/instances/{uid} with its own HTTP connection (clients are not shared between
// threads), resuming the logged-in session.
class ServerInstanceFetcher : public InstanceFetcher {
public:
    ServerInstanceFetcher(const ServerUrl& url, const UserSession& session)
        : client_(url, session) {}
    Bytes fetch(const std::string& uid) override { return client_.instance(uid); }

private:
    ServerClient client_;
};

// Borrowed client (single-threaded loading on the caller's thread).
class ClientInstanceFetcher : public InstanceFetcher {
public:
    explicit ClientInstanceFetcher(ServerClient& client) : client_(client) {}
    Bytes fetch(const std::string& uid) override { return client_.instance(uid); }

private:
    ServerClient& client_;
};

// The cache first; on a miss the inner fetcher, and the answer goes into the cache.
class CachedInstanceFetcher : public InstanceFetcher {
public:
    CachedInstanceFetcher(InstanceCache& cache, std::unique_ptr<InstanceFetcher> inner)
        : cache_(cache), inner_(std::move(inner)) {}
    Bytes fetch(const std::string& uid) override {
        if (auto hit = cache_.get(uid)) return std::move(*hit);
        if (!inner_) throw std::runtime_error("instance " + uid + " is not in the local cache");
        Bytes bytes = inner_->fetch(uid);
        cache_.put(uid, bytes);
        return bytes;
    }

private:
    InstanceCache& cache_;
    std::unique_ptr<InstanceFetcher> inner_;
};

}  // namespace countyread::viewer
