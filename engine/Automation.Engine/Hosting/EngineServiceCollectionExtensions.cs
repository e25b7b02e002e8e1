using System.Reflection;
using Automation.Engine.Activities;
using Automation.Engine.Credentials;
using Automation.Engine.Expressions;
using Automation.Engine.Http;
using Automation.Engine.Persistence;
using Automation.Engine.Queues;
using Automation.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Engine.Hosting;

/// <summary>Registers the engine: runtime, built-in activities, the JavaScript sandbox and (unless replaced) in-memory stores.</summary>
public static class EngineServiceCollectionExtensions
{
    public static IServiceCollection AddAutomationEngine(this IServiceCollection services, Action<WorkflowRuntimeOptions>? configure = null, Action<JavaScriptOptions>? configureJavaScript = null)
    {
        var runtimeOptions = new WorkflowRuntimeOptions();
        configure?.Invoke(runtimeOptions);
        var javaScript = new JavaScriptOptions();
        configureJavaScript?.Invoke(javaScript);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(runtimeOptions);
        services.TryAddSingleton(javaScript);
        services.TryAddSingleton<IExpressionEvaluator>(sp => new JintExpressionEvaluator(sp.GetRequiredService<JavaScriptOptions>()));
        services.TryAddSingleton<InMemoryInstanceStore>();
        services.TryAddSingleton<IInstanceStore>(sp => sp.GetRequiredService<InMemoryInstanceStore>());
        services.TryAddSingleton<IInstanceQueries>(sp => sp.GetRequiredService<InMemoryInstanceStore>());
        services.TryAddSingleton<IDefinitionStore>(sp => new InMemoryDefinitionStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IWorkflowLog>(NullWorkflowLog.Instance);
        services.TryAddSingleton<IBookmarkScheduler>(NullBookmarkScheduler.Instance);
        services.TryAddSingleton<IHttpClientProvider, SharedHttpClientProvider>();
        services.TryAddSingleton<ICredentialStore, InMemoryCredentialStore>();
        services.TryAddSingleton<WorkQueueOptions>();
        services.TryAddSingleton<IWorkQueueStore>(sp => new InMemoryWorkQueueStore(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<WorkQueueOptions>()));
        services.AddActivitiesFrom(typeof(EngineServiceCollectionExtensions).Assembly);
        services.TryAddSingleton<ActivityRegistry>();
        services.TryAddSingleton(sp => new WorkflowRuntime(
            sp.GetRequiredService<ActivityRegistry>(),
            sp.GetRequiredService<IInstanceStore>(),
            sp.GetRequiredService<IDefinitionStore>(),
            sp.GetRequiredService<IExpressionEvaluator>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<WorkflowRuntimeOptions>(),
            sp.GetRequiredService<IWorkflowLog>(),
            sp.GetRequiredService<IBookmarkScheduler>(),
            sp.GetServices<IWorkflowInstanceObserver>()));
        return services;
    }

    /// <summary>Registers every class marked <see cref="ActivityAttribute"/> in <paramref name="assembly"/> as a singleton activity.</summary>
    public static IServiceCollection AddActivitiesFrom(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (type is { IsClass: true, IsAbstract: false } && typeof(IActivity).IsAssignableFrom(type) && type.GetCustomAttribute<ActivityAttribute>() is not null)
            {
                services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IActivity), type));
            }
        }

        return services;
    }
}
