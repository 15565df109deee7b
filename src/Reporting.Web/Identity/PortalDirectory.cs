using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reporting.Domain.Registry;
using Reporting.Storage.Registry;

namespace Reporting.Web.Identity;

/// <summary>
/// The registry as the portal asks it: who a sign-in name is (cached briefly per instance: every request asks, and the
/// Users table changes only with a registry import) and which licences exist (RegistryStore's own cache).
/// </summary>
public sealed class PortalDirectory(RegistryStore registry, IOptions<PortalOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (RegistryUser? User, DateTimeOffset At)> _users = new(StringComparer.Ordinal);

    public async Task<RegistryUser?> FindUserAsync(string userName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_users.TryGetValue(userName, out var cached) && now - cached.At < options.Value.UserCacheDuration) return cached.User;
        var user = await registry.FindUserAsync(userName, cancellationToken).ConfigureAwait(false);
        // Bounded: a flood of unknown names cannot grow the cache without limit.
        if (_users.Count > 10_000) _users.Clear();
        _users[userName] = (user, now);
        return user;
    }

    public async Task<IReadOnlyList<Licence>> LicencesAsync(CancellationToken cancellationToken) =>
        (await registry.GetLicencesAsync(cancellationToken).ConfigureAwait(false)).Licences;

    public async Task<(AccessDecision Decision, Licence? Licence)> AuthoriseAsync(RegistryUser user, string licence, LicenceAction action, CancellationToken cancellationToken) =>
        LicenceAccess.Decide(user, licence, await LicencesAsync(cancellationToken).ConfigureAwait(false), action);

    public Task<IReadOnlyList<RegistryUser>> ListUsersAsync(CancellationToken cancellationToken) => registry.ListUsersAsync(cancellationToken);
}
