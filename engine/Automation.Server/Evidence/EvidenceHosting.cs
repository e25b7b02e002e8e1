namespace Automation.Server.Evidence;

/// <summary>Registers the evidence key check at start and evidence retention (the expiry sweep) for the server.</summary>
public static class EvidenceHosting
{
    public static IServiceCollection AddServerEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.Section));
        services.AddHostedService<EvidenceKeyCheck>();
        services.AddSingleton<EvidenceRetention>();
        services.AddHostedService<EvidenceSweepService>();
        return services;
    }
}
