using System.Reflection;
using Automation.Engine.Credentials;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;
using Automation.Server.Security;
using Automation.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Robots;

/// <summary>
/// A robot driver of its own kind whose sessions need no browser: they open, sign in (no login), take a tiny PNG
/// screenshot and close. Register it with <c>AddSingleton&lt;IRobotDriver, FakeRobotDriver&gt;()</c> and a target of kind
/// <see cref="FakeKind"/>.
/// </summary>
public sealed class FakeRobotDriver : IRobotDriver
{
    public const string FakeKind = "fake";

    /// <summary>A 1×1 PNG: what every fake screenshot shows.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    public string Kind => FakeKind;

    public Task<IRobotSession> OpenAsync(TargetSystem target, Credential? credential, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(FakeSession.Create(target));

    /// <summary>Answers only what Open, Screenshot and closing ask of a session; any other robot step is a test error.</summary>
    public class FakeSession : DispatchProxy
    {
        private TargetSystem _target = null!;

        public static IRobotSession Create(TargetSystem target)
        {
            var session = DispatchProxy.Create<IRobotSession, FakeSession>();
            ((FakeSession)(object)session)._target = target;
            return session;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_Target" => _target,
            nameof(IRobotSession.SignInAsync) => Task.FromResult(SignIn.NotNeeded),
            nameof(IRobotSession.ScreenshotAsync) => Task.FromResult(Png),
            nameof(IAsyncDisposable.DisposeAsync) => ValueTask.CompletedTask,
            _ => throw new NotSupportedException($"The fake robot session cannot {targetMethod?.Name}."),
        };
    }
}

/// <summary>The real server with <see cref="FakeRobotDriver"/> and its target <c>ward</c>, and an owner-operator and a planner signed in.</summary>
public sealed class FakeRobotServer : IAsyncLifetime
{
    public ServerFactory Factory { get; private set; } = null!;

    /// <summary>ProcessOwner and Operator: publishes, runs and watches.</summary>
    public HttpClient Operator { get; private set; } = null!;

    public HttpClient Planner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new ServerFactory { ConfigureTestServices = s => s.AddSingleton<IRobotDriver, FakeRobotDriver>() }
            .With("Automation:Robots:Targets:ward:Kind", FakeRobotDriver.FakeKind);
        Operator = await Factory.SignedInAsAsync("robot-operator", Roles.Operator, Roles.ProcessOwner);
        Planner = await Factory.SignedInAsAsync("robot-planner", Roles.Planner);
    }

    public Task DisposeAsync()
    {
        Operator?.Dispose();
        Planner?.Dispose();
        Factory?.Dispose();
        return Task.CompletedTask;
    }
}
