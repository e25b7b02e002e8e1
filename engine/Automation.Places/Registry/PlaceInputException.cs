namespace Automation.Places.Registry;

/// <summary>A lookup was asked something it cannot answer (bad point, bad limit); the message says what to fix.</summary>
public sealed class PlaceInputException(string message) : Exception(message);
